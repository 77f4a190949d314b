package io.fxpipeline.ingest.feed;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.time.Instant;

/** Where history comes from, page by page: OANDA v20, or the recorded files of the replay feed. */
public interface CandleSource {

    /** Feed name stored in {@code ingest.candles.source}. */
    String name();

    /** The feed's present: wall-clock time for OANDA, the virtual clock's time for a replay. */
    Instant now();

    /**
     * How far the present moves between two deliveries beyond what a bar's lateness covers: nothing for OANDA; a
     * replay stores what closed by its clock once a tick, so at N market seconds a second its newest candle may trail
     * its present by N seconds a tick (ten hours at {@code --speed 36000}).
     */
    default Duration presentStep() {
        return Duration.ZERO;
    }

    /**
     * Up to {@code count} candles starting with the one covering {@code from} (or the first after it when
     * {@code includeFirst} is false), validated.
     */
    Uni<CandlePage> page(Pair pair, Granularity granularity, Instant from, boolean includeFirst, int count);
}
