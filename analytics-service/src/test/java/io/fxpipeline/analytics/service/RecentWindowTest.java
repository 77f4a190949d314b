package io.fxpipeline.analytics.service;

import io.fxpipeline.analytics.metrics.MetricsCalculator;
import io.fxpipeline.analytics.metrics.Ohlc;
import io.fxpipeline.model.message.VolatilityMetrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Continuing a series from its window gives the very rows of a computation over the whole series. */
class RecentWindowTest {

    private final MetricsCalculator calculator = new MetricsCalculator(6240);

    static List<Ohlc> walk(int n, long seed) {
        Random random = new Random(seed);
        List<Ohlc> candles = new ArrayList<>();
        double close = 1.3;
        for (int i = 0; i < n; i++) {
            double open = close;
            close = open * Math.exp(random.nextGaussian() * 0.002);
            candles.add(new Ohlc(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * i), open,
                    Math.max(open, close) * (1 + random.nextDouble() * 0.001),
                    Math.min(open, close) * (1 - random.nextDouble() * 0.001), close));
        }
        return candles;
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 7, 14, 15, 50, 51, 120, 500})
    void chunkAfterChunkEqualsTheWholeSeries(int chunk) {
        List<Ohlc> series = walk(400, chunk);
        List<Ohlc> first = series.subList(0, Math.min(chunk, series.size()));
        List<VolatilityMetrics> metrics = new ArrayList<>(calculator.computeAll(first));
        RecentWindow window = RecentWindow.ending(first, 0, metrics);
        for (int from = first.size(); from < series.size(); from += chunk) {
            RecentWindow.Continued next = window.extend(calculator,
                    series.subList(from, Math.min(series.size(), from + chunk)));
            metrics.addAll(next.metrics());
            window = next.window();
            assertThat(window.candles()).hasSizeLessThanOrEqualTo(MetricsCalculator.LOOKBACK);
            assertThat(window.firstIndex() + window.candles().size()).isEqualTo(Math.min(series.size(), from + chunk));
        }
        assertThat(metrics).isEqualTo(calculator.computeAll(series));
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 14, 51, 400})
    void theWindowOfASeriesWithNothingStoredStartsItFromIndexZero(int chunk) {
        List<Ohlc> series = walk(400, 100 + chunk);
        RecentWindow window = new RecentWindow(List.of(), 0, null);
        assertThat(window.newest()).isNull();
        assertThat(window.isFollowedBy(series.get(0).time())).isTrue();
        List<VolatilityMetrics> metrics = new ArrayList<>();
        for (int from = 0; from < series.size(); from += chunk) {
            RecentWindow.Continued next = window.extend(calculator,
                    series.subList(from, Math.min(series.size(), from + chunk)));
            metrics.addAll(next.metrics());
            window = next.window();
        }
        assertThat(metrics).isEqualTo(calculator.computeAll(series));
        assertThat(window.isFollowedBy(series.get(series.size() - 1).time())).isFalse();
    }
}
