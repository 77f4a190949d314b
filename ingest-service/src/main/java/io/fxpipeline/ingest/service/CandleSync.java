package io.fxpipeline.ingest.service;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.feed.CandlePage;
import io.fxpipeline.ingest.feed.CandleRejection;
import io.fxpipeline.ingest.feed.CandleSource;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.function.LongConsumer;

/**
 * Brings one pair up to the feed's present: pages through the source from a start time ({@code from} +
 * {@code count}, then from the last candle received without it), stores each page's valid candles through
 * {@link CandleIngestion} and counts and logs each rejection. The hourly job and the backfill both use it.
 */
@ApplicationScoped
public class CandleSync {

    private final CandleSource source;
    private final CandleIngestion ingestion;
    private final IngestConfig config;
    private final MeterRegistry meters;

    public CandleSync(CandleSource source, CandleIngestion ingestion, IngestConfig config, MeterRegistry meters) {
        this.source = source;
        this.ingestion = ingestion;
        this.config = config;
        this.meters = meters;
    }

    /**
     * What syncing one pair did; {@code error} is set when it stopped early (the stored candles stay) or an answer
     * held candles none of which could be stored. {@code pending} counts the still-forming candles seen: not
     * rejections, stored by a later run once complete.
     */
    public record PairSync(Pair pair, int received, int stored, int rejected, int pending, Instant newest, String error) {

        public boolean failed() {
            return error != null;
        }
    }

    public CandleSource source() {
        return source;
    }

    /**
     * @param progress told the number of candles received after each page (for progress bars)
     * @return never a failure: a pair that fails reports its error, so the other pairs carry on
     */
    public Uni<PairSync> sync(Pair pair, Granularity granularity, Instant from, LongConsumer progress) {
        Progress state = new Progress(pair, granularity, progress);
        return next(state, from, true)
                .map(ignored -> state.result(null))
                .onFailure().recoverWithItem(failure -> {
                    meters.counter("fx.ingest.pairs.failed", "pair", pair.name()).increment();
                    Log.warnf("sync %s %s from %s stopped: %s", pair, granularity, from, failure.getMessage());
                    return state.result(failure.getMessage() == null ? failure.toString() : failure.getMessage());
                });
    }

    /**
     * One page, then the next from its last candle, until a short page, the forming candle or the present. A full
     * page that ends no later than the {@code from} it was asked with would be asked for again and again: the sync
     * stops there and the pair is reported as failed.
     */
    private Uni<Void> next(Progress state, Instant from, boolean includeFirst) {
        int count = Math.max(1, Math.min(config.pageSize(), 5000));
        return source.page(state.pair, state.granularity, from, includeFirst, count)
                .chain(page -> store(state, page).chain(() -> {
                    if (page.failure() != null) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "a malformed answer from " + source.name() + ": " + page.failure()));
                    }
                    if (page.candles().isEmpty() && !page.rejections().isEmpty()) {
                        // candles were expected (the answer held some that were not forming) and none is usable
                        return Uni.createFrom().failure(new IllegalStateException(nothingUsable(page, from)));
                    }
                    boolean last = page.received() < count || page.forming() || page.lastTime() == null
                            || !page.lastTime().isBefore(source.now());
                    if (last) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!page.lastTime().isAfter(from)) {
                        return Uni.createFrom().failure(new IllegalStateException("paging made no progress: "
                                + source.name() + " answered a full page of " + page.received() + " candles from "
                                + from + " whose newest is " + page.lastTime() + ", not after it; stopped"));
                    }
                    return next(state, page.lastTime(), false);
                }));
    }

    private String nothingUsable(CandlePage page, Instant from) {
        String reasons = page.rejections().stream()
                .collect(java.util.stream.Collectors.groupingBy(r -> r.reason().tag(), java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(java.util.stream.Collectors.joining(", "));
        CandleRejection first = page.rejections().get(0);
        return "no usable candle in the answer from " + source.name() + " from " + from + ": "
                + page.rejections().size() + " rejected (" + reasons + "; first: " + first.time() + " "
                + first.detail() + ")";
    }

    private Uni<Void> store(Progress state, CandlePage page) {
        for (CandleRejection rejection : page.rejections()) {
            reject(rejection);
        }
        if (page.pending() > 0) {
            meters.counter("fx.ingest.candles.pending", "pair", state.pair.name()).increment(page.pending());
            // the forming candle is in every recent answer: expected, so not even a line at INFO
            Log.debugf("candle pending: %s %s still forming, stored once complete", state.pair, page.lastTime());
        }
        state.received += page.received();
        state.rejected += page.rejections().size();
        state.pending += page.pending();
        if (page.candles().isEmpty()) {
            state.listener.accept(state.received);
            return Uni.createFrom().voidItem();
        }
        return ingestion.store(state.pair, state.granularity, source.name(), page.candles())
                .invoke(result -> {
                    state.stored += result.stored();
                    Instant newest = page.candles().get(page.candles().size() - 1).time();
                    state.newest = state.newest == null || newest.isAfter(state.newest) ? newest : state.newest;
                    state.listener.accept(state.received);
                })
                .replaceWithVoid();
    }

    private void reject(CandleRejection rejection) {
        meters.counter("fx.ingest.candles.rejected", "pair", rejection.pair().name(), "reason",
                rejection.reason().tag()).increment();
        Log.warnf("candle rejected: %s %s %s (%s)", rejection.pair(), rejection.time(), rejection.reason().tag(),
                rejection.detail());
    }

    /** Mutable totals of one pair's sync. */
    private static final class Progress {
        final Pair pair;
        final Granularity granularity;
        final LongConsumer listener;
        int received;
        int stored;
        int rejected;
        int pending;
        Instant newest;

        Progress(Pair pair, Granularity granularity, LongConsumer listener) {
            this.pair = pair;
            this.granularity = granularity;
            this.listener = listener;
        }

        PairSync result(String error) {
            return new PairSync(pair, received, stored, rejected, pending, newest, error);
        }
    }
}
