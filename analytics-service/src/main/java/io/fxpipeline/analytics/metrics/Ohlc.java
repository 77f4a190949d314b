package io.fxpipeline.analytics.metrics;

import io.fxpipeline.model.message.Candle;

import java.time.Instant;

/** One candle's prices as doubles: the input of every metric (docs/indicators.md computes in doubles). */
public record Ohlc(Instant time, double open, double high, double low, double close) {

    public static Ohlc of(Candle candle) {
        return new Ohlc(candle.time(), candle.open().doubleValue(), candle.high().doubleValue(),
                candle.low().doubleValue(), candle.close().doubleValue());
    }
}
