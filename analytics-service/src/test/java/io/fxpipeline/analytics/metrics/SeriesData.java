package io.fxpipeline.analytics.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Test inputs: the recorded 2020 H1 data beside the repository (never copied into it). */
final class SeriesData {

    static final Path RECORDED = Path.of("../../shared/data/fx-h1/2020");

    private SeriesData() {
    }

    /** The recorded year of one pair; the test is skipped where the shared data is absent. */
    static List<Ohlc> recorded(String pair) throws IOException {
        Path file = RECORDED.resolve(pair + ".csv");
        assumeTrue(Files.exists(file), "recorded data not present at " + file.toAbsolutePath());
        try (var lines = Files.lines(file)) {
            return lines.skip(1).map(line -> line.split(",")).map(f -> new Ohlc(Instant.parse(f[0]),
                    Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]))).toList();
        }
    }

    /** The 30-candle series whose expected values were computed independently with Python's statistics module. */
    static List<Ohlc> handSeries() {
        Instant start = Instant.parse("2024-03-04T00:00:00Z");
        double[] closes = new double[30];
        for (int i = 0; i < 30; i++) {
            closes[i] = 1.1000 + 0.0007 * ((i * 7) % 11) - 0.0003 * ((i * 3) % 5);
        }
        Ohlc[] rows = new Ohlc[30];
        for (int i = 0; i < 30; i++) {
            double c = closes[i];
            double o = i > 0 ? closes[i - 1] : c - 0.0002;
            double h = Math.max(o, c) + 0.0004 + 0.0001 * (i % 3);
            double l = Math.min(o, c) - 0.0003 - 0.0001 * (i % 4);
            rows[i] = new Ohlc(start.plusSeconds(3600L * i), o, h, l, c);
        }
        return List.of(rows);
    }
}
