package io.fxpipeline.correlation;

import io.fxpipeline.model.Pair;

/**
 * The correlation of two pairs' hourly log returns; {@code correlation} is null when they share fewer than the
 * minimum number of returns. {@code pairA} sorts before {@code pairB}.
 */
public record PairCorrelation(Pair pairA, Pair pairB, Double correlation, int observations) {

    public PairCorrelation {
        if (pairA.compareTo(pairB) >= 0) {
            throw new IllegalArgumentException("pairs must be distinct and ordered: " + pairA + ", " + pairB);
        }
    }
}
