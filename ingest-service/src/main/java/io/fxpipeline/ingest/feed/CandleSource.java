package io.fxpipeline.ingest.feed;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Uni;

import java.time.Instant;

/** Where history comes from, page by page: OANDA v20, or the recorded files of the replay feed. */
public interface CandleSource {

    /** Feed name stored in {@code ingest.candles.source}. */
    String name();

    /** The feed's present: wall-clock time for OANDA, the virtual clock's time for a replay. */
    Instant now();

    /**
     * Up to {@code count} candles starting with the one covering {@code from} (or the first after it when
     * {@code includeFirst} is false), validated.
     */
    Uni<CandlePage> page(Pair pair, Granularity granularity, Instant from, boolean includeFirst, int count);
}
