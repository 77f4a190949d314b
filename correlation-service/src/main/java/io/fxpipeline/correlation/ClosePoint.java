package io.fxpipeline.correlation;

import java.time.Instant;

/** One candle's close at its open time: all correlation needs of a candle. */
public record ClosePoint(Instant time, double close) {
}
