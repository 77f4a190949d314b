package io.fxpipeline.analytics.metrics;

import io.fxpipeline.model.message.VolatilityMetrics;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsCalculatorTest {

    private static final double A = 6240;
    private final MetricsCalculator calculator = new MetricsCalculator(A);

    /** Relative 1e-9, absolute 1e-12 near zero (docs/indicators.md "Numbers and tests"). */
    private static void assertClose(double actual, double expected, String what) {
        double tolerance = Math.max(1e-12, Math.abs(expected) * 1e-9);
        assertThat(Math.abs(actual - expected)).as("%s: %s vs %s", what, actual, expected).isLessThanOrEqualTo(tolerance);
    }

    @Test
    void handCheckedThirtyCandleSeries() {
        List<VolatilityMetrics> m = calculator.computeAll(SeriesData.handSeries());
        VolatilityMetrics last = m.get(29);
        // Expected values: Python 3 statistics.pstdev/stdev and plain sums over the same 30 candles.
        assertClose(last.sma15(), 1.1029933333333335, "sma15");
        assertClose(last.sma30(), 1.1029466666666667, "sma30");
        assertClose(last.bbMiddle(), 1.102935, "bb middle");
        assertClose(last.bbUpper(), 1.1075176957132238, "bb upper");
        assertClose(last.bbLower(), 1.0983523042867762, "bb lower");
        assertClose(last.hv20(), 0.2841129612090436, "hv20");
        assertClose(m.get(14).atr14(), 0.004571428571428464, "atr seed = mean TR(1..14)");
        assertClose(last.atr14(), 0.004444183217819005, "atr at t=29");
        assertThat(last.sma50()).isNull();
        assertThat(last.hv50()).isNull();
    }

    @Test
    void metricsAreNullExactlyUntilTheirWindowIsFull() throws IOException {
        List<VolatilityMetrics> m = calculator.computeAll(SeriesData.recorded("EUR_USD").subList(0, 60));
        assertFirstDefined(m, VolatilityMetrics::sma15, 14);
        assertFirstDefined(m, VolatilityMetrics::sma30, 29);
        assertFirstDefined(m, VolatilityMetrics::sma50, 49);
        assertFirstDefined(m, VolatilityMetrics::bbMiddle, 19);
        assertFirstDefined(m, VolatilityMetrics::bbUpper, 19);
        assertFirstDefined(m, VolatilityMetrics::atr14, 14);
        assertFirstDefined(m, VolatilityMetrics::hv20, 20);
        assertFirstDefined(m, VolatilityMetrics::hv50, 50);
    }

    private static void assertFirstDefined(List<VolatilityMetrics> m, Function<VolatilityMetrics, Double> metric, int t) {
        for (int i = 0; i < m.size(); i++) {
            Double value = metric.apply(m.get(i));
            assertThat(value == null).as("null at t=%d", i).isEqualTo(i < t);
        }
    }

    @Test
    void agreesWithTa4jAndATwoPassReferenceOnARecordedYear() throws IOException {
        List<Ohlc> year = SeriesData.recorded("EUR_USD");
        assertThat(year.size()).isGreaterThan(2000);
        List<VolatilityMetrics> m = calculator.computeAll(year);

        BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).withName("EUR_USD").build();
        for (Ohlc c : year) {
            series.addBar(c.time().plusSeconds(3600).atZone(ZoneOffset.UTC), c.open(), c.high(), c.low(), c.close(), 0);
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        Indicator<Num> sma15 = new SMAIndicator(close, 15);
        Indicator<Num> sma30 = new SMAIndicator(close, 30);
        Indicator<Num> sma50 = new SMAIndicator(close, 50);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        StandardDeviationIndicator sigma = new StandardDeviationIndicator(close, 20); // population, as TA-Lib
        Indicator<Num> upper = new BollingerBandsUpperIndicator(middle, sigma, series.numOf(2));
        Indicator<Num> lower = new BollingerBandsLowerIndicator(middle, sigma, series.numOf(2));
        // ta4j seeds Wilder's average with TR(0) instead of mean TR(1..14); the seed's weight decays as
        // (13/14)^t, below 1e-12 after t = 400, so ATR is compared from there on.
        Indicator<Num> atr = new ATRIndicator(series, 14);

        for (int t = 50; t < year.size(); t++) {
            VolatilityMetrics v = m.get(t);
            assertClose(v.sma15(), sma15.getValue(t).doubleValue(), "sma15 t=" + t);
            assertClose(v.sma30(), sma30.getValue(t).doubleValue(), "sma30 t=" + t);
            assertClose(v.sma50(), sma50.getValue(t).doubleValue(), "sma50 t=" + t);
            assertClose(v.bbMiddle(), middle.getValue(t).doubleValue(), "bb middle t=" + t);
            assertClose(v.bbUpper(), upper.getValue(t).doubleValue(), "bb upper t=" + t);
            assertClose(v.bbLower(), lower.getValue(t).doubleValue(), "bb lower t=" + t);
            if (t >= 400) {
                assertClose(v.atr14(), atr.getValue(t).doubleValue(), "atr t=" + t);
            }
            assertClose(v.hv20(), twoPassHv(year, t, 20), "hv20 t=" + t);
            assertClose(v.hv50(), twoPassHv(year, t, 50), "hv50 t=" + t);
        }
    }

    /** Plain textbook sample standard deviation of the last n log returns, annualised. */
    private static double twoPassHv(List<Ohlc> c, int t, int n) {
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            int i = t - n + 1 + k;
            r[k] = Math.log(c.get(i).close() / c.get(i - 1).close());
        }
        double mean = 0;
        for (double x : r) {
            mean += x / n;
        }
        double ss = 0;
        for (double x : r) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (n - 1)) * Math.sqrt(A);
    }

    @Test
    void computingATailWithItsStateEqualsTheWholeSeries() throws IOException {
        List<Ohlc> series = SeriesData.recorded("GBP_USD").subList(0, 3000);
        List<VolatilityMetrics> whole = calculator.computeAll(series);
        List<VolatilityMetrics> incremental = new ArrayList<>(whole.subList(0, 60));
        // One candle at a time, each time handing over only the lookback tail and the previous ATR.
        for (int i = 60; i < series.size(); i++) {
            int start = i - MetricsCalculator.LOOKBACK;
            List<VolatilityMetrics> next = calculator.compute(series.subList(start, i + 1), start,
                    MetricsCalculator.LOOKBACK, incremental.get(i - 1).atr14());
            incremental.addAll(next);
        }
        assertThat(incremental).isEqualTo(whole);
    }

    @Test
    void aCorrectedCandleRecomputedForwardEqualsAFullRecompute() throws IOException {
        List<Ohlc> series = new ArrayList<>(SeriesData.recorded("USD_JPY").subList(0, 500));
        List<VolatilityMetrics> before = calculator.computeAll(series);
        Ohlc old = series.get(300);
        series.set(300, new Ohlc(old.time(), old.open(), old.high() + 0.5, old.low(), old.close() + 0.25));

        List<VolatilityMetrics> full = calculator.computeAll(series);
        int start = 300 - MetricsCalculator.LOOKBACK;
        List<VolatilityMetrics> forward = calculator.compute(series.subList(start, series.size()), start,
                MetricsCalculator.LOOKBACK, before.get(299).atr14());
        assertThat(forward).isEqualTo(full.subList(300, 500));
        assertThat(full.get(300)).isNotEqualTo(before.get(300));
        assertThat(full.subList(0, 300)).isEqualTo(before.subList(0, 300));
    }

    @Test
    void refusesATailThatIsTooShortOrAMissingAtr() throws IOException {
        List<Ohlc> series = SeriesData.recorded("EUR_USD").subList(0, 200);
        assertThatThrownBy(() -> calculator.compute(series.subList(100, 200), 100, 10, 0.001))
                .hasMessageContaining("needs 50 candles");
        assertThatThrownBy(() -> calculator.compute(series.subList(50, 200), 50, 50, null))
                .hasMessageContaining("ATR");
        assertThatThrownBy(() -> new MetricsCalculator(0)).hasMessageContaining("positive");
    }
}
