package io.fxpipeline.ingest.price;

import io.fxpipeline.model.Pair;

import java.math.BigDecimal;
import java.time.Instant;

/** One pair's top-of-book price at a time: best bid and ask as quoted, and whether it is tradeable. */
public record PriceQuote(Pair pair, Instant time, BigDecimal bid, BigDecimal ask, boolean tradeable) {

    public BigDecimal mid() {
        return io.fxpipeline.model.message.PriceUpdate.midOf(bid, ask);
    }
}
