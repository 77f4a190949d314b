package io.fxpipeline.model.sequence;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;

/** One candle series: a pair at a granularity; the unit that ingest numbers with sequence numbers. */
public record Series(Pair pair, Granularity granularity) {

    @Override
    public String toString() {
        return pair + "/" + granularity;
    }
}
