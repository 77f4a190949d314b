package io.fxpipeline.ingest.job;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.service.CandleSync;
import io.fxpipeline.ingest.service.CandleSync.PairSync;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads the last N days of every pair from the feed. Resumable: a pair whose stored history already reaches back
 * to the window's start (an earlier backfill covered it, or an interrupted one began there) resumes at its newest
 * stored candle (re-read once, an unchanged upsert), so a second run fetches only what is missing and changes
 * nothing else. A pair whose history starts later (the hourly job ran first, or an earlier backfill asked for fewer
 * days) is fetched from the window's start: its stored candles come back unchanged and are neither written nor
 * announced again. One backfill at a time across replicas.
 */
@ApplicationScoped
public class Backfill {

    /** FX trades about 120 of the 168 hours of a week: for the expected-candle estimate of progress bars. */
    private static final double MARKET_SHARE = 120.0 / 168.0;
    /**
     * How much later than the window's start a pair's oldest candle may be while its history still counts as
     * reaching back (an interrupted backfill of the same window): the window may start in a weekend or the
     * Christmas and New Year closures, when no candle exists.
     */
    static final Duration MARKET_CLOSURE = Duration.ofDays(4);

    private final CandleSync sync;
    private final CandleRepository candles;
    private final Pool pool;
    private final JobRuns runs;
    private final IngestConfig config;

    public Backfill(CandleSync sync, CandleRepository candles, Pool pool, JobRuns runs, IngestConfig config) {
        this.sync = sync;
        this.candles = candles;
        this.pool = pool;
        this.runs = runs;
        this.config = config;
    }

    /** Told how the backfill goes; called from I/O threads, so implementations must be thread-safe. */
    public interface Listener {

        /** Before fetching: the pairs and an estimate of the candles to receive. */
        default void planned(int pairs, long expectedCandles) {
        }

        /** Candles received so far, all pairs together. */
        default void received(long total) {
        }

        default void pairDone(PairSync pair) {
        }
    }

    /** What a backfill did: its recorded outcome, each pair's sync and the rows each pair now has. */
    public record Report(JobRuns.Outcome outcome, List<PairSync> pairs, Map<Pair, Long> rows, Duration took) {

        public int stored() {
            return pairs.stream().mapToInt(PairSync::stored).sum();
        }

        public int received() {
            return pairs.stream().mapToInt(PairSync::received).sum();
        }
    }

    public Uni<Report> run(int days, List<Pair> pairs, Listener listener) {
        if (days < 1 || days > 3650) {
            return Uni.createFrom().failure(new IllegalArgumentException("days must be 1 to 3650, was " + days));
        }
        Granularity g = config.granularity();
        Instant began = Instant.now();
        Instant start = g.floor(sync.source().now()).minus(Duration.ofDays(days));
        List<PairSync>[] done = new List[] {List.of()};
        return runs.runExclusively(IngestJobs.BACKFILL, began, id -> plan(pairs, g, start).chain(froms -> {
                    long expected = froms.values().stream().mapToLong(from -> expected(from, g)).sum();
                    listener.planned(pairs.size(), expected);
                    AtomicLong total = new AtomicLong();
                    return Multi.createFrom().iterable(pairs)
                            .onItem().transformToUni(pair -> {
                                AtomicLong mine = new AtomicLong();
                                return sync.sync(pair, g, froms.get(pair), received -> {
                                    long delta = received - mine.getAndSet(received);
                                    listener.received(total.addAndGet(delta));
                                }).call(result -> result.failed() ? Uni.createFrom().voidItem()
                                        : candles.covered(pool, pair, g, start))
                                        .invoke(listener::pairDone);
                            })
                            .merge(Math.max(1, config.fetchConcurrency()))
                            .collect().asList()
                            .map(list -> {
                                done[0] = list.stream().sorted(java.util.Comparator.comparing(p -> p.pair().name())).toList();
                                return new PairsFetch(done[0]).outcome();
                            });
                }))
                .chain(outcome -> candles.counts(pool, g).map(rows -> new Report(outcome, done[0], rows,
                        Duration.between(began, Instant.now()))));
    }

    /** Where each pair starts: its newest stored candle when its history reaches back to the window, else the window's start. */
    private Uni<Map<Pair, Instant>> plan(List<Pair> pairs, Granularity g, Instant start) {
        return Multi.createFrom().iterable(pairs)
                .onItem().transformToUniAndConcatenate(pair -> candles.span(pool, pair, g)
                        .map(span -> Map.entry(pair, resumeAt(span, start))))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    static Instant resumeAt(CandleRepository.Span span, Instant start) {
        if (span.isEmpty()) {
            return start;
        }
        boolean covered = span.coveredFrom() != null && !span.coveredFrom().isAfter(start);
        boolean reachesBack = !span.oldest().isAfter(start.plus(MARKET_CLOSURE));
        if (!covered && !reachesBack) {
            return start;
        }
        return span.newest().isAfter(start) ? span.newest() : start;
    }

    private long expected(Instant from, Granularity g) {
        long periods = Duration.between(from, sync.source().now()).dividedBy(g.length());
        return Math.max(0, Math.round(periods * MARKET_SHARE));
    }
}
