package io.fxpipeline.dashboard.stream;

import java.util.Locale;

/** Why a client's frame was refused; the lower-case name is the {@code error} of the error frame and a metric tag. */
public enum BadFrameReason {
    NOT_JSON, OVERSIZED, UNKNOWN_OP, UNKNOWN_CHANNEL, UNKNOWN_PAIR, BAD_FIELD, BINARY, RATE_LIMITED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
