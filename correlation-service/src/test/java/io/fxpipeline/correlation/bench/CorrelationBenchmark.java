package io.fxpipeline.correlation.bench;

import io.fxpipeline.correlation.ClosePoint;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.compute.BestPairsRanking;
import io.fxpipeline.correlation.compute.CorrelationCalculator;
import io.fxpipeline.model.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pure compute cost of one matrix at scale: {@code mvn -pl correlation-service -am verify -Pbench}. Prints numbers;
 * never runs in the normal build.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CorrelationBenchmark {

    static Map<Pair, List<ClosePoint>> syntheticMarket(int pairs, int candles, long seed) {
        Random random = new Random(seed);
        Map<Pair, List<ClosePoint>> market = new LinkedHashMap<>();
        Instant start = Instant.parse("2023-01-02T00:00:00Z");
        for (int p = 0; p < pairs; p++) {
            String name = String.valueOf((char) ('A' + p / 26 % 26)) + (char) ('A' + p % 26) + "X_USD";
            List<ClosePoint> closes = new ArrayList<>(candles);
            double price = 1 + random.nextDouble();
            for (int i = 0; i < candles; i++) {
                price *= Math.exp(random.nextGaussian() * 0.001);
                if (random.nextInt(200) != 0) { // about one hour in 200 missing, to exercise alignment
                    closes.add(new ClosePoint(start.plusSeconds(3600L * i), price));
                }
            }
            market.put(Pair.of(name), closes);
        }
        return market;
    }

    @Test
    void computeSeventyPairsOverAYearOfHours() {
        Map<Pair, List<ClosePoint>> market = syntheticMarket(70, 8760, 7);
        CorrelationCalculator calculator = new CorrelationCalculator(8760, 30);
        for (int warm = 0; warm < 3; warm++) {
            calculator.compute(market, Instant.EPOCH);
        }
        int rounds = 5;
        long started = System.nanoTime();
        CorrelationMatrix last = null;
        for (int i = 0; i < rounds; i++) {
            last = calculator.compute(market, Instant.EPOCH);
            BestPairsRanking.of(last);
        }
        double ms = (System.nanoTime() - started) / 1e6 / rounds;
        assertThat(last.entries()).hasSize(70 * 69 / 2);
        System.out.printf("BENCH correlation compute: 70 pairs x 8,760 candles (2,415 entries, full-year window): %.1f ms per matrix%n", ms);

        Map<Pair, List<ClosePoint>> daily = syntheticMarket(20, 100, 11);
        CorrelationCalculator window100 = new CorrelationCalculator(100, 30);
        for (int warm = 0; warm < 200; warm++) {
            window100.compute(daily, Instant.EPOCH);
        }
        started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            window100.compute(daily, Instant.EPOCH);
        }
        System.out.printf("BENCH correlation compute: 20 pairs x 100 candles (190 entries): %.3f ms per matrix%n",
                (System.nanoTime() - started) / 1e6 / 1000);
    }
}
