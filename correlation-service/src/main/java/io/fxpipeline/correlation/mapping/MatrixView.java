package io.fxpipeline.correlation.mapping;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.PairCorrelation;
import io.fxpipeline.model.Pair;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A matrix as users read it: pair order, then rows of r (null: not enough data) and of observations. */
public record MatrixView(
        @JsonProperty("as_of") Instant asOf,
        @JsonProperty("window") int window,
        @JsonProperty("pairs") List<String> pairs,
        @JsonProperty("matrix") Double[][] matrix,
        @JsonProperty("observations") Integer[][] observations) {

    public static MatrixView of(CorrelationMatrix m) {
        Map<Pair, Integer> index = new HashMap<>();
        for (int i = 0; i < m.pairs().size(); i++) {
            index.put(m.pairs().get(i), i);
        }
        Integer[][] observations = new Integer[m.pairs().size()][m.pairs().size()];
        for (PairCorrelation e : m.entries()) {
            int i = index.get(e.pairA());
            int j = index.get(e.pairB());
            observations[i][j] = e.observations();
            observations[j][i] = e.observations();
        }
        return new MatrixView(m.asOf(), m.window(), m.pairs().stream().map(Pair::name).toList(), m.rows(), observations);
    }
}
