package io.fxpipeline.analytics.service;

import io.fxpipeline.analytics.metrics.MetricsCalculator;
import io.fxpipeline.analytics.metrics.Ohlc;
import io.fxpipeline.model.message.VolatilityMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest stored candles of one series, as many as the longest metric window looks back
 * ({@link MetricsCalculator#LOOKBACK}), with the index of the first one and the ATR of the newest: exactly what the
 * calculator needs to continue the series, so candles that only extend it are computed without reading it back.
 *
 * @param candles    at most LOOKBACK candles, ascending, the newest being the newest stored; none when nothing is
 *                   stored yet
 * @param firstIndex index t of {@code candles[0]} in the stored series
 * @param atr        ATR 14 of the newest candle (null while not defined)
 */
record RecentWindow(List<Ohlc> candles, long firstIndex, Double atr) {

    RecentWindow {
        candles = List.copyOf(candles);
    }

    /** The newest stored candle's open time; null when nothing is stored. */
    Instant newest() {
        return candles.isEmpty() ? null : candles.get(candles.size() - 1).time();
    }

    /** Whether a candle opened at {@code time} comes after the window: any does when nothing is stored. */
    boolean isFollowedBy(Instant time) {
        return candles.isEmpty() || time.isAfter(newest());
    }

    /** What follows the window: the metrics of {@code added} (ascending, all newer) and the window after them. */
    Continued extend(MetricsCalculator calculator, List<Ohlc> added) {
        List<Ohlc> series = new ArrayList<>(candles.size() + added.size());
        series.addAll(candles);
        series.addAll(added);
        List<VolatilityMetrics> metrics = calculator.compute(series, firstIndex, candles.size(), atr);
        return new Continued(metrics, ending(series, firstIndex, metrics));
    }

    /** The window at the end of {@code series} (index t of its first candle: {@code firstIndex}), whose metrics end in {@code metrics}. */
    static RecentWindow ending(List<Ohlc> series, long firstIndex, List<VolatilityMetrics> metrics) {
        int keep = Math.min(MetricsCalculator.LOOKBACK, series.size());
        int from = series.size() - keep;
        return new RecentWindow(series.subList(from, series.size()), firstIndex + from,
                metrics.get(metrics.size() - 1).atr14());
    }

    /** Metrics computed for new candles, and the window that ends with them. */
    record Continued(List<VolatilityMetrics> metrics, RecentWindow window) {
    }
}
