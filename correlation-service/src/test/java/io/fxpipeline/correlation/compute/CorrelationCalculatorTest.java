package io.fxpipeline.correlation.compute;

import io.fxpipeline.correlation.ClosePoint;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.PairCorrelation;
import io.fxpipeline.model.Pair;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CorrelationCalculatorTest {

    private static final Path RECORDED = Path.of("../../shared/data/fx-h1/2020");
    private static final Instant AS_OF = Instant.parse("2021-01-01T00:00:00Z");

    /** Every recorded pair (18 of 20: GBP_AUD and NZD_JPY have no file); skipped where the data is absent. */
    static Map<Pair, List<ClosePoint>> recorded() throws IOException {
        assumeTrue(Files.isDirectory(RECORDED), "recorded data not present at " + RECORDED.toAbsolutePath());
        Map<Pair, List<ClosePoint>> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(RECORDED)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                String name = file.getFileName().toString().replace(".csv", "");
                try (Stream<String> lines = Files.lines(file)) {
                    all.put(Pair.of(name), lines.skip(1).map(l -> l.split(","))
                            .map(f -> new ClosePoint(Instant.parse(f[0]), Double.parseDouble(f[4]))).toList());
                }
            }
        }
        return all;
    }

    /** Independent reference: join by a map lookup, returns over consecutive common candles, Commons Math r. */
    static double reference(List<ClosePoint> a, List<ClosePoint> b, int window) {
        List<ClosePoint> lastA = a.subList(Math.max(0, a.size() - window), a.size());
        Map<Instant, Double> lastB = new TreeMap<>();
        b.subList(Math.max(0, b.size() - window), b.size()).forEach(p -> lastB.put(p.time(), p.close()));
        List<double[]> joined = new ArrayList<>();
        for (ClosePoint p : lastA) {
            Double other = lastB.get(p.time());
            if (other != null) {
                joined.add(new double[] {p.close(), other});
            }
        }
        double[] x = new double[joined.size() - 1];
        double[] y = new double[joined.size() - 1];
        for (int i = 1; i < joined.size(); i++) {
            x[i - 1] = Math.log(joined.get(i)[0] / joined.get(i - 1)[0]);
            y[i - 1] = Math.log(joined.get(i)[1] / joined.get(i - 1)[1]);
        }
        return new PearsonsCorrelation().correlation(x, y);
    }

    @Test
    void everyEntryEqualsCommonsMathOnRecordedData() throws IOException {
        Map<Pair, List<ClosePoint>> closes = recorded();
        CorrelationMatrix matrix = new CorrelationCalculator(100, 30).compute(closes, AS_OF);

        assertThat(matrix.pairs()).hasSize(closes.size());
        assertThat(matrix.entries()).hasSize(closes.size() * (closes.size() - 1) / 2);
        for (PairCorrelation e : matrix.entries()) {
            double expected = reference(closes.get(e.pairA()), closes.get(e.pairB()), 100);
            assertThat(e.correlation()).as("%s/%s", e.pairA(), e.pairB()).isCloseTo(expected, within(1e-12));
            assertThat(e.correlation()).isBetween(-1.0, 1.0);
            assertThat(e.observations()).isBetween(30, 99);
        }
    }

    @Test
    void theMatrixIsSymmetricWithAUnitDiagonal() throws IOException {
        CorrelationMatrix matrix = new CorrelationCalculator(100, 30).compute(recorded(), AS_OF);
        Double[][] rows = matrix.rows();
        for (int i = 0; i < rows.length; i++) {
            assertThat(rows[i][i]).isEqualTo(1.0);
            for (int j = 0; j < rows.length; j++) {
                assertThat(rows[i][j]).isEqualTo(rows[j][i]);
            }
        }
        Pair eurUsd = Pair.of("EUR_USD");
        Pair usdChf = Pair.of("USD_CHF");
        assertThat(matrix.get(eurUsd, usdChf)).isEqualTo(matrix.get(usdChf, eurUsd));
    }

    @Test
    void aWholeYearReproducesTheDataSanityTable() throws IOException {
        Map<Pair, List<ClosePoint>> closes = recorded();
        CorrelationMatrix year = new CorrelationCalculator(10_000, 30).compute(closes, AS_OF);
        // shared/data/fx-h1/README.md: hourly log-return correlations over 2020
        assertThat(year.get(Pair.of("EUR_USD"), Pair.of("USD_CHF")).orElseThrow()).isCloseTo(-0.806, within(0.0005));
        assertThat(year.get(Pair.of("EUR_USD"), Pair.of("GBP_USD")).orElseThrow()).isCloseTo(0.584, within(0.0005));
        assertThat(year.get(Pair.of("AUD_USD"), Pair.of("NZD_USD")).orElseThrow()).isCloseTo(0.886, within(0.0005));
        assertThat(year.entry(Pair.of("EUR_USD"), Pair.of("USD_CHF")).orElseThrow().observations()).isEqualTo(6247);
    }

    @Test
    void anHourMissingInOnePairIsAlignedNotShifted() {
        Instant t0 = Instant.parse("2024-03-04T00:00:00Z");
        List<ClosePoint> a = new ArrayList<>();
        List<ClosePoint> b = new ArrayList<>();
        double pa = 1.1;
        double pb = 150.0;
        for (int i = 0; i < 60; i++) {
            pa *= 1 + 0.001 * Math.sin(i * 1.7);
            pb *= 1 + 0.001 * Math.sin(i * 1.7 + 0.3);
            a.add(new ClosePoint(t0.plusSeconds(3600L * i), pa));
            if (i != 25) {
                b.add(new ClosePoint(t0.plusSeconds(3600L * i), pb)); // b lacks hour 25
            }
        }
        CorrelationMatrix m = new CorrelationCalculator(100, 30)
                .compute(Map.of(Pair.of("EUR_USD"), a, Pair.of("USD_JPY"), b), t0);
        PairCorrelation e = m.entries().get(0);
        assertThat(e.observations()).isEqualTo(58); // 59 joined candles → 58 returns
        assertThat(e.correlation()).isCloseTo(reference(a, b, 100), within(1e-12));
    }

    @Test
    void fewerThanTheMinimumCommonReturnsGivesNoValue() {
        Instant t0 = Instant.parse("2024-03-04T00:00:00Z");
        List<ClosePoint> a = new ArrayList<>();
        List<ClosePoint> b = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            a.add(new ClosePoint(t0.plusSeconds(3600L * i), 1.1 + 0.001 * Math.sin(i)));
            b.add(new ClosePoint(t0.plusSeconds(3600L * i), 1.3 + 0.001 * Math.cos(i)));
        }
        CorrelationMatrix m = new CorrelationCalculator(100, 30)
                .compute(Map.of(Pair.of("EUR_USD"), a, Pair.of("GBP_USD"), b), t0);
        assertThat(m.entries().get(0).correlation()).isNull(); // 29 returns < 30
        assertThat(m.entries().get(0).observations()).isEqualTo(29);
        assertThat(m.valued()).isZero();
    }
}
