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
 * Loads the last N days of every pair from the feed. Resumable: each pair starts at its newest stored candle
 * (re-read once, an unchanged upsert), so a second run fetches only what is missing and changes nothing else.
 * One backfill at a time across replicas.
 */
@ApplicationScoped
public class Backfill {

    /** FX trades about 120 of the 168 hours of a week: for the expected-candle estimate of progress bars. */
    private static final double MARKET_SHARE = 120.0 / 168.0;

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
                                }).invoke(listener::pairDone);
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

    /** Where each pair starts: its newest stored candle, or the window's start when it has none newer. */
    private Uni<Map<Pair, Instant>> plan(List<Pair> pairs, Granularity g, Instant start) {
        return Multi.createFrom().iterable(pairs)
                .onItem().transformToUniAndConcatenate(pair -> candles.newest(pool, pair, g)
                        .map(newest -> Map.entry(pair, newest.filter(t -> t.isAfter(start)).orElse(start))))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private long expected(Instant from, Granularity g) {
        long periods = Duration.between(from, sync.source().now()).dividedBy(g.length());
        return Math.max(0, Math.round(periods * MARKET_SHARE));
    }
}
