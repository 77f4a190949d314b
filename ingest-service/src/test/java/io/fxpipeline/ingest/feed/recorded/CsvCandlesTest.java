package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.message.Candle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CsvCandlesTest {

    @TempDir
    Path dir;

    @Test
    void readsARecordedYearExactly() throws IOException {
        Path file = Path.of("../../shared/data/fx-h1/2020/EUR_USD.csv");
        assumeTrue(Files.exists(file), "recorded data not present");
        List<Candle> year = CsvCandles.read(file, Granularity.H1);
        assertThat(year).hasSize(6248);
        assertThat(year.get(0).time()).isEqualTo(Instant.parse("2020-01-01T22:00:00Z"));
        assertThat(year.get(0).close().toPlainString()).isEqualTo("1.12142");
    }

    @Test
    void badLinesAreReportedWithFileAndLineNumber() throws IOException {
        String header = CsvCandles.HEADER + "\n";
        String good = "2024-01-02T00:00:00Z,1.1,1.2,1.0,1.15,10\n";
        assertError(header + good + "2024-01-02T01:00:00Z,1.1,1.05,1.0,1.15,10\n", ":3:", "h:");
        assertError(header + good + "2024-01-02T01:30:00Z,1.1,1.2,1.0,1.15,10\n", ":3:", "not aligned");
        assertError(header + good + "2024-01-02T01:00:00Z,abc,1.2,1.0,1.15,10\n", ":3:", "");
        assertError(header + good + good, ":3:", "not after");
        assertError(header + "2024-01-02T00:00:00Z,1.1,1.2\n", ":2:", "6 fields");
        assertError("date,o,h,l,c\n", ":1:", "header");
    }

    private void assertError(String content, String line, String reason) throws IOException {
        Path file = dir.resolve("EUR_USD.csv");
        Files.writeString(file, content);
        assertThatThrownBy(() -> CsvCandles.read(file, Granularity.H1)).isInstanceOf(IOException.class)
                .hasMessageContaining("EUR_USD.csv" + line).hasMessageContaining(reason);
    }

    @Test
    void theReplayClockRunsAtTheChosenSpeed() {
        AtomicReference<Instant> wall = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        InstantSource source = wall::get;
        RecordedClock clock = new RecordedClock(Instant.parse("2020-01-06T00:00:00Z"), 3600, source);
        assertThat(clock.now()).isEqualTo(Instant.parse("2020-01-06T00:00:00Z"));
        wall.set(wall.get().plus(Duration.ofMillis(2500)));
        assertThat(clock.now()).isEqualTo(Instant.parse("2020-01-06T02:30:00Z"));
        assertThatThrownBy(() -> new RecordedClock(Instant.EPOCH, 0, source)).hasMessageContaining("speed");
    }
}
