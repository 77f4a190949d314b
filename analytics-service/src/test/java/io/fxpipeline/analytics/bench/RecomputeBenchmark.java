package io.fxpipeline.analytics.bench;

import io.fxpipeline.analytics.metrics.MetricsCalculator;
import io.fxpipeline.analytics.metrics.Ohlc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** In-memory recompute of a year (8,760 candles) for 20 pairs. {@code mvn verify -Pbench}. */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class RecomputeBenchmark {

    static List<Ohlc> year(long seed) {
        Random random = new Random(seed);
        List<Ohlc> candles = new ArrayList<>(8760);
        double close = 1.1;
        Instant start = Instant.parse("2023-01-01T00:00:00Z");
        for (int i = 0; i < 8760; i++) {
            double open = close;
            close = open * Math.exp(random.nextGaussian() * 0.001);
            candles.add(new Ohlc(start.plusSeconds(3600L * i), open, Math.max(open, close) * 1.0004,
                    Math.min(open, close) * 0.9996, close));
        }
        return candles;
    }

    @Test
    void recomputeAYearForTwentyPairs() {
        List<List<Ohlc>> pairs = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            pairs.add(year(p));
        }
        MetricsCalculator calculator = new MetricsCalculator(6240);
        for (int warm = 0; warm < 5; warm++) {
            pairs.forEach(calculator::computeAll);
        }
        int rounds = 10;
        long started = System.nanoTime();
        long rows = 0;
        for (int r = 0; r < rounds; r++) {
            for (List<Ohlc> pair : pairs) {
                rows += calculator.computeAll(pair).size();
            }
        }
        double ms = (System.nanoTime() - started) / 1e6 / rounds;
        assertThat(rows).isEqualTo(20L * 8760 * rounds);
        System.out.printf("BENCH analytics recompute in memory: 20 pairs x 8,760 candles = 175,200 metric rows in %.1f ms"
                + " (%.0f candles/s)%n", ms, 175_200 / (ms / 1000));
    }
}
