package io.fxpipeline.deploy;

import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.VolatilityMetrics;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's numbers computed independently from the shipped synthetic replay set (the definitions of
 * indicators.md, with commons-math3): every pair's metrics per candle, and the correlation matrix of the last
 * 100 candles. What the dashboard tests put in Redis, so the page shows real values, never hand-typed ones.
 */
final class SuiteData {

    static final Path REPLAY = Repo.root().resolve("ingest-service/src/main/replay/synthetic-h1");
    static final double PERIODS_PER_YEAR = 6240;
    static final int CORRELATION_WINDOW = 100;

    record Bar(Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume) {
        Candle candle() {
            return new Candle(time, open, high, low, close, volume);
        }
    }

    /** One matrix entry of the lower triangle. */
    record Entry(Pair a, Pair b, double r, int observations) {
    }

    final Map<Pair, List<Bar>> bars = new LinkedHashMap<>();

    /** The first {@code hours} bars of every tracked pair. */
    SuiteData(int hours) {
        for (Pair pair : TrackedPairs.DEFAULT) {
            try (var lines = Files.lines(REPLAY.resolve(pair.name() + ".csv"))) {
                bars.put(pair, lines.skip(1).limit(hours).map(l -> l.split(","))
                        .map(f -> new Bar(Instant.parse(f[0]), new BigDecimal(f[1]), new BigDecimal(f[2]),
                                new BigDecimal(f[3]), new BigDecimal(f[4]), Long.parseLong(f[5]))).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Metrics of the bar at index t (null where a window is not yet full). */
    VolatilityMetrics metrics(Pair pair, int t) {
        List<Bar> b = bars.get(pair);
        double[] c = b.stream().mapToDouble(x -> x.close().doubleValue()).toArray();
        Double bbMiddle = sma(c, t, 20);
        Double sd = t + 1 >= 20 ? new StandardDeviation(false).evaluate(c, t - 19, 20) : null;
        return new VolatilityMetrics(b.get(t).time(), c[t], hv(c, t, 20), hv(c, t, 50), sma(c, t, 15), sma(c, t, 30),
                sma(c, t, 50), sd == null ? null : bbMiddle + 2 * sd, bbMiddle, sd == null ? null : bbMiddle - 2 * sd,
                atr(b, t));
    }

    int last(Pair pair) {
        return bars.get(pair).size() - 1;
    }

    /** HV_n: sample standard deviation of the last n log returns, annualised. */
    private static Double hv(double[] c, int t, int n) {
        if (t < n) {
            return null;
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.log(c[t - n + 1 + i] / c[t - n + i]);
        }
        return new StandardDeviation(true).evaluate(r) * Math.sqrt(PERIODS_PER_YEAR);
    }

    private static Double sma(double[] c, int t, int n) {
        if (t + 1 < n) {
            return null;
        }
        double sum = 0;
        for (int i = t - n + 1; i <= t; i++) {
            sum += c[i];
        }
        return sum / n;
    }

    /** Wilder's ATR(14): the mean of TR(1..14) at t = 14, then (13·ATR + TR) / 14. */
    private static Double atr(List<Bar> b, int t) {
        if (t < 14) {
            return null;
        }
        double atr = 0;
        for (int i = 1; i <= 14; i++) {
            atr += tr(b, i);
        }
        atr /= 14;
        for (int i = 15; i <= t; i++) {
            atr = (13 * atr + tr(b, i)) / 14;
        }
        return atr;
    }

    private static double tr(List<Bar> b, int i) {
        double h = b.get(i).high().doubleValue();
        double l = b.get(i).low().doubleValue();
        double prev = b.get(i - 1).close().doubleValue();
        return Math.max(h - l, Math.max(Math.abs(h - prev), Math.abs(l - prev)));
    }

    /** Pearson r of the log returns of the last 100 candles of every two pairs (their times coincide). */
    List<Entry> correlations() {
        List<Pair> pairs = new ArrayList<>(bars.keySet());
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            for (int j = 0; j < i; j++) {
                double[] a = returns(pairs.get(i));
                double[] b = returns(pairs.get(j));
                entries.add(new Entry(pairs.get(i), pairs.get(j), new PearsonsCorrelation().correlation(a, b), a.length));
            }
        }
        return entries;
    }

    private double[] returns(Pair pair) {
        List<Bar> b = bars.get(pair);
        int start = b.size() - CORRELATION_WINDOW;
        double[] r = new double[CORRELATION_WINDOW - 1];
        for (int i = 1; i < CORRELATION_WINDOW; i++) {
            r[i - 1] = Math.log(b.get(start + i).close().doubleValue() / b.get(start + i - 1).close().doubleValue());
        }
        return r;
    }

    Instant asOf() {
        return bars.values().iterator().next().get(last(TrackedPairs.DEFAULT.get(0))).time().plusSeconds(3600);
    }
}
