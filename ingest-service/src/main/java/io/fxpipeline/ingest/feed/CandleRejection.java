package io.fxpipeline.ingest.feed;

import io.fxpipeline.model.Pair;

/** A candle of a feed answer that was kept out of the table, and why; {@code time} is as received. */
public record CandleRejection(Pair pair, String time, Reason reason, String detail) {

    /** Why a candle (or a whole answer) was rejected; the metric tag is the lower-case name. */
    public enum Reason {
        MALFORMED_ANSWER, MISSING_FIELD, NON_NUMERIC, NON_POSITIVE, HIGH_BELOW_MAX, LOW_ABOVE_MIN, BAD_VOLUME,
        MISALIGNED, DUPLICATE, INCOMPLETE, FUTURE, OUT_OF_RANGE, TOO_MANY_DIGITS;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
