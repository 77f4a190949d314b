package io.fxpipeline.correlation.compute;

import io.fxpipeline.correlation.BestPair;
import io.fxpipeline.correlation.CorrelationCategory;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.PairCorrelation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every pair with r < 0.4, ranked by r ascending: strongest hedges first, then the diversifiers. */
public final class BestPairsRanking {

    static final double CEILING = 0.4;

    private BestPairsRanking() {
    }

    public static List<BestPair> of(CorrelationMatrix matrix) {
        List<PairCorrelation> candidates = matrix.entries().stream()
                .filter(e -> e.correlation() != null && e.correlation() < CEILING)
                .sorted(Comparator.comparingDouble(PairCorrelation::correlation)
                        .thenComparing(PairCorrelation::pairA).thenComparing(PairCorrelation::pairB))
                .toList();
        List<BestPair> ranked = new ArrayList<>(candidates.size());
        for (PairCorrelation e : candidates) {
            double r = e.correlation();
            ranked.add(new BestPair(ranked.size() + 1, e.pairA(), e.pairB(), r, CorrelationCategory.of(r),
                    e.observations(), CorrelationCategory.reason(r)));
        }
        return ranked;
    }
}
