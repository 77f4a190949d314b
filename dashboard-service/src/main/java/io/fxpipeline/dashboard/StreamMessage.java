package io.fxpipeline.dashboard;

import io.fxpipeline.model.Pair;

import java.util.List;

/**
 * One message to fan out: the stream channel it belongs to, the pairs it concerns (none: it concerns every
 * pair, such as a correlation run) and its JSON exactly as published, or as a snapshot frame.
 */
public record StreamMessage(StreamChannel channel, List<Pair> pairs, String json) {

    public StreamMessage {
        pairs = List.copyOf(pairs);
    }

    /** Whether a client filtering on {@code wanted} pairs (empty: all) should get it. */
    public boolean concernsAny(java.util.Set<Pair> wanted) {
        if (wanted.isEmpty() || pairs.isEmpty()) {
            return true;
        }
        for (Pair p : pairs) {
            if (wanted.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
