package io.fxpipeline.correlation.compute;

import io.fxpipeline.correlation.ClosePoint;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.PairCorrelation;
import io.fxpipeline.model.Pair;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the correlation matrix of docs/indicators.md: per pair the last {@code window} candles, log returns
 * aligned on candle open time, Pearson r where at least {@code minReturns} common returns exist. Pure.
 */
public final class CorrelationCalculator {

    private final int window;
    private final int minReturns;

    public CorrelationCalculator(int window, int minReturns) {
        if (window < 3 || minReturns < 2) {
            throw new IllegalArgumentException("window must be at least 3 and minReturns at least 2");
        }
        this.window = window;
        this.minReturns = minReturns;
    }

    /** @param closes per pair, ascending by time; pairs are taken in sorted order */
    public CorrelationMatrix compute(Map<Pair, List<ClosePoint>> closes, Instant asOf) {
        List<Pair> pairs = closes.keySet().stream().sorted().toList();
        List<ReturnSeries> series = pairs.stream().map(p -> ReturnSeries.lastOf(closes.get(p), window)).toList();
        double[] xs = new double[window];
        double[] ys = new double[window];
        List<PairCorrelation> entries = new ArrayList<>(pairs.size() * (pairs.size() - 1) / 2);
        for (int a = 0; a < pairs.size(); a++) {
            for (int b = a + 1; b < pairs.size(); b++) {
                Pearson.Result result = Pearson.of(series.get(a), series.get(b), minReturns, xs, ys);
                entries.add(new PairCorrelation(pairs.get(a), pairs.get(b),
                        Double.isNaN(result.r()) ? null : result.r(), result.returns()));
            }
        }
        return new CorrelationMatrix(asOf, window, pairs, entries);
    }
}
