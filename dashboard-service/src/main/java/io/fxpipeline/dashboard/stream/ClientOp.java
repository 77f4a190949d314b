package io.fxpipeline.dashboard.stream;

import io.fxpipeline.dashboard.StreamChannel;
import io.fxpipeline.model.Pair;

import java.util.Set;

/** One op a stream client sends, parsed and checked. */
public sealed interface ClientOp {

    /** Start (or change the pair filter of) channels; no pairs = every pair. */
    record Subscribe(Set<StreamChannel> channels, Set<Pair> pairs) implements ClientOp {
    }

    /** Stop channels; none named = stop everything. */
    record Unsubscribe(Set<StreamChannel> channels) implements ClientOp {
    }

    record Ping() implements ClientOp {
    }

    /** A frame refused, with the reason the client is told (an error code and a message naming the problem). */
    record BadFrame(BadFrameReason reason, String message) implements ClientOp {
    }
}
