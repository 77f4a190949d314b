package io.fxpipeline.correlation;

import io.fxpipeline.model.Pair;

/** One entry of the ranked list of pairs that hedge or diversify each other. */
public record BestPair(int rank, Pair pairA, Pair pairB, double correlation, CorrelationCategory category,
        int observations, String reason) {
}
