package io.fxpipeline.correlation;

import io.fxpipeline.model.Pair;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The symmetric correlation matrix of one run: every unordered pair once, unit diagonal implied. */
public record CorrelationMatrix(Instant asOf, int window, List<Pair> pairs, List<PairCorrelation> entries) {

    public CorrelationMatrix {
        pairs = List.copyOf(pairs);
        entries = List.copyOf(entries);
    }

    /** r of two pairs in either order; 1 on the diagonal; empty when not enough common data. */
    public Optional<Double> get(Pair a, Pair b) {
        if (a.equals(b)) {
            return Optional.of(1.0);
        }
        return entry(a, b).map(PairCorrelation::correlation);
    }

    public Optional<PairCorrelation> entry(Pair a, Pair b) {
        Pair first = a.compareTo(b) < 0 ? a : b;
        Pair second = first == a ? b : a;
        return entries.stream().filter(e -> e.pairA().equals(first) && e.pairB().equals(second)).findFirst();
    }

    /** Rows in {@link #pairs()} order, null where there is no value. */
    public Double[][] rows() {
        Map<Pair, Integer> index = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            index.put(pairs.get(i), i);
        }
        Double[][] rows = new Double[pairs.size()][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            rows[i][i] = 1.0;
        }
        for (PairCorrelation e : entries) {
            Integer i = index.get(e.pairA());
            Integer j = index.get(e.pairB());
            rows[i][j] = e.correlation();
            rows[j][i] = e.correlation();
        }
        return rows;
    }

    /** Entries that have a value. */
    public long valued() {
        return entries.stream().filter(e -> e.correlation() != null).count();
    }
}
