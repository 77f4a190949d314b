package io.fxpipeline.analytics.metrics;

import io.fxpipeline.model.message.VolatilityMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes the metrics of docs/indicators.md for a stretch of one series: SMA 15/30/50, Bollinger 20/2 (population
 * σ), ATR 14 (Wilder, seeded with the plain mean of TR(1..14)) and HV 20/50 (sample σ of log returns,
 * annualised). A metric whose window is not full is null. Pure: no I/O, no framework.
 * <p>
 * Index t counts candles from the first one the service holds, so a caller that passes only the tail of a
 * series says where that tail starts ({@code firstIndex}) and hands over the ATR of the candle before
 * {@code from}; the result is then identical to a computation over the whole series.
 */
public final class MetricsCalculator {

    /** Closes before {@code from} that the longest window (HV 50: 51 closes) needs. */
    public static final int LOOKBACK = 50;
    static final int ATR_PERIOD = 14;
    static final int BB_PERIOD = 20;
    static final double BB_WIDTH = 2.0;

    private final double annualisation;

    /** @param periodsPerYear bars per year used to annualise HV (6240 for H1) */
    public MetricsCalculator(double periodsPerYear) {
        if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
            throw new IllegalArgumentException("periods per year must be positive, was " + periodsPerYear);
        }
        this.annualisation = Math.sqrt(periodsPerYear);
    }

    /** Metrics of every candle of a whole series held from its first candle. */
    public List<VolatilityMetrics> computeAll(List<Ohlc> series) {
        return compute(series, 0, 0, null);
    }

    /**
     * Metrics of {@code candles[from..]}.
     *
     * @param candles    consecutive candles of one series, ascending; at least {@link #LOOKBACK} before
     *                   {@code from} unless the series starts there
     * @param firstIndex index t of {@code candles[0]} in the series
     * @param from       position in {@code candles} of the first candle to compute
     * @param atrBefore  ATR 14 of {@code candles[from - 1]} (null when not defined there)
     */
    public List<VolatilityMetrics> compute(List<Ohlc> candles, long firstIndex, int from, Double atrBefore) {
        if (from < 0 || from > candles.size()) {
            throw new IllegalArgumentException("from " + from + " is outside 0.." + candles.size());
        }
        if (from < Math.min(LOOKBACK, firstIndex + from)) {
            throw new IllegalArgumentException("needs " + LOOKBACK + " candles before position " + from);
        }
        int n = candles.size();
        double[] close = new double[n];
        double[] logReturn = new double[n];
        for (int i = 0; i < n; i++) {
            close[i] = candles.get(i).close();
            logReturn[i] = i == 0 ? Double.NaN : Math.log(close[i] / close[i - 1]);
        }
        List<VolatilityMetrics> out = new ArrayList<>(n - from);
        Double atr = atrBefore;
        double[] trueRange = new double[n];
        for (int i = Math.max(1, from - ATR_PERIOD); i < n; i++) {
            trueRange[i] = trueRange(candles.get(i), close[i - 1]);
        }
        for (int i = from; i < n; i++) {
            long t = firstIndex + i;
            atr = atr(t, i, trueRange, atr);
            Double middle = t >= BB_PERIOD - 1 ? Windows.mean(close, i, BB_PERIOD) : null;
            Double sigma = middle == null ? null : Windows.standardDeviation(close, i, BB_PERIOD, false);
            out.add(new VolatilityMetrics(candles.get(i).time(), close[i],
                    hv(t, i, logReturn, 20), hv(t, i, logReturn, 50),
                    sma(t, i, close, 15), sma(t, i, close, 30), sma(t, i, close, 50),
                    middle == null ? null : middle + BB_WIDTH * sigma, middle,
                    middle == null ? null : middle - BB_WIDTH * sigma, atr));
        }
        return out;
    }

    private static Double sma(long t, int i, double[] close, int n) {
        return t >= n - 1 ? Windows.mean(close, i, n) : null;
    }

    /** Needs n returns, so n + 1 closes: defined from t = n. */
    private Double hv(long t, int i, double[] logReturn, int n) {
        return t >= n ? Windows.standardDeviation(logReturn, i, n, true) * annualisation : null;
    }

    private static Double atr(long t, int i, double[] trueRange, Double previous) {
        if (t < ATR_PERIOD) {
            return null;
        }
        if (t == ATR_PERIOD) {
            return Windows.mean(trueRange, i, ATR_PERIOD); // TR(1..14): TA-Lib's seed
        }
        if (previous == null) {
            throw new IllegalArgumentException("ATR of the candle before t=" + t + " is needed to continue Wilder's average");
        }
        return ((ATR_PERIOD - 1) * previous + trueRange[i]) / ATR_PERIOD;
    }

    static double trueRange(Ohlc candle, double previousClose) {
        return Math.max(candle.high() - candle.low(),
                Math.max(Math.abs(candle.high() - previousClose), Math.abs(candle.low() - previousClose)));
    }
}
