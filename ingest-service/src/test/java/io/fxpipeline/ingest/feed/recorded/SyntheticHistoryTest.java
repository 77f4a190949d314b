package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.message.Candle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped replay dataset is exactly the documented generator's output, and it behaves like FX data.
 * Regenerate with {@code mvn -pl ingest-service test -Dtest=SyntheticHistoryTest -Dregenerate=true}.
 */
class SyntheticHistoryTest {

    /** The parameters written in src/main/replay/synthetic-h1/README.md. */
    static final Instant START = Instant.parse("2025-01-05T22:00:00Z");
    static final int WEEKS = 12;
    static final long SEED = 20250105L;
    static final Path SHIPPED = Path.of("src/main/replay/synthetic-h1");

    static Map<Pair, List<Candle>> generated;

    @BeforeAll
    static void generate() throws IOException {
        generated = SyntheticHistory.generate(TrackedPairs.DEFAULT, START, WEEKS, SEED);
        if (Boolean.getBoolean("regenerate")) {
            for (Map.Entry<Pair, List<Candle>> e : generated.entrySet()) {
                Files.writeString(SHIPPED.resolve(e.getKey().name() + ".csv"), SyntheticHistory.csv(e.getValue()),
                        StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void shippedFilesAreTheGeneratorsOutputByteForByte() throws IOException {
        assertThat(generated).hasSize(20);
        for (Map.Entry<Pair, List<Candle>> e : generated.entrySet()) {
            Path file = SHIPPED.resolve(e.getKey().name() + ".csv");
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
                    .isEqualTo(SyntheticHistory.csv(e.getValue()));
            // and the replay feed reads it back as the same candles
            assertThat(CsvCandles.read(file, Granularity.H1)).isEqualTo(e.getValue());
        }
    }

    @Test
    void followsOandaMarketHoursAcrossTheDaylightSavingChange() {
        List<Candle> eurUsd = generated.get(Pair.of("EUR_USD"));
        // 12 weeks of 120 trading hours each, plus the first hour of the next week: after the US clock change
        // the market opens at 21:00Z, an hour before the generated span ends (22:00Z, winter's open)
        assertThat(eurUsd).hasSize(12 * 120 + 1);
        assertThat(eurUsd).noneMatch(c -> c.time().atOffset(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.SATURDAY);
        // winter: the week ends with the Fri 21:00Z candle; after 9 March 2025 (US DST) with Fri 20:00Z
        assertThat(eurUsd).anyMatch(c -> c.time().equals(Instant.parse("2025-01-10T21:00:00Z")));
        assertThat(eurUsd).noneMatch(c -> c.time().equals(Instant.parse("2025-01-10T22:00:00Z")));
        assertThat(eurUsd).anyMatch(c -> c.time().equals(Instant.parse("2025-03-14T20:00:00Z")));
        assertThat(eurUsd).noneMatch(c -> c.time().equals(Instant.parse("2025-03-14T21:00:00Z")));
        assertThat(eurUsd).anyMatch(c -> c.time().equals(Instant.parse("2025-03-09T21:00:00Z")));
        assertThat(eurUsd).allMatch(c -> Granularity.H1.isAligned(c.time()));
    }

    @Test
    void pricesHaveOandaPrecisionAndLevels() {
        Candle firstEurUsd = generated.get(Pair.of("EUR_USD")).get(0);
        Candle firstUsdJpy = generated.get(Pair.of("USD_JPY")).get(0);
        assertThat(firstEurUsd.close().scale()).isEqualTo(5);
        assertThat(firstUsdJpy.close().scale()).isEqualTo(3);
        assertThat(firstEurUsd.close().doubleValue()).isBetween(1.07, 1.10);
        assertThat(firstUsdJpy.close().doubleValue()).isBetween(146.0, 151.0);
    }

    @Test
    void crossesAreConsistentWithTheirDollarLegs() {
        List<Candle> eurJpy = generated.get(Pair.of("EUR_JPY"));
        List<Candle> eurUsd = generated.get(Pair.of("EUR_USD"));
        List<Candle> usdJpy = generated.get(Pair.of("USD_JPY"));
        for (int i = 0; i < eurJpy.size(); i += 97) {
            BigDecimal implied = eurUsd.get(i).close().multiply(usdJpy.get(i).close(), MathContext.DECIMAL64);
            double relative = implied.subtract(eurJpy.get(i).close()).abs().doubleValue() / eurJpy.get(i).close().doubleValue();
            assertThat(relative).as("EUR_JPY at %s", eurJpy.get(i).time()).isLessThan(2e-5);
        }
    }

    @Test
    void correlationsLookLikeTheMarketsWithoutBeingIt() {
        assertThat(correlation("EUR_USD", "GBP_USD")).isGreaterThan(0.6);
        assertThat(correlation("EUR_USD", "USD_CHF")).isLessThan(-0.6);
        assertThat(correlation("AUD_USD", "NZD_USD")).isGreaterThan(0.7);
        assertThat(Math.abs(correlation("EUR_GBP", "AUD_JPY"))).isLessThan(0.4);
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndAnotherSeedAnother() {
        assertThat(SyntheticHistory.generate(List.of(Pair.of("EUR_USD")), START, 1, SEED).get(Pair.of("EUR_USD")))
                .isEqualTo(generated.get(Pair.of("EUR_USD")).subList(0, 120));
        assertThat(SyntheticHistory.generate(List.of(Pair.of("EUR_USD")), START, 1, SEED + 1).get(Pair.of("EUR_USD")))
                .isNotEqualTo(generated.get(Pair.of("EUR_USD")).subList(0, 120));
    }

    private static double correlation(String a, String b) {
        List<Candle> x = generated.get(Pair.of(a));
        List<Candle> y = generated.get(Pair.of(b));
        int n = x.size() - 1;
        double[] rx = new double[n];
        double[] ry = new double[n];
        for (int i = 0; i < n; i++) {
            rx[i] = Math.log(x.get(i + 1).close().doubleValue() / x.get(i).close().doubleValue());
            ry[i] = Math.log(y.get(i + 1).close().doubleValue() / y.get(i).close().doubleValue());
        }
        return new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(rx, ry);
    }
}
