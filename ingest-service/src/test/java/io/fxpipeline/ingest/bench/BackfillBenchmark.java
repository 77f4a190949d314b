package io.fxpipeline.ingest.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.OandaStub;
import io.fxpipeline.ingest.feed.recorded.CsvCandles;
import io.fxpipeline.ingest.feed.recorded.RecordedFeed;
import io.fxpipeline.ingest.feed.recorded.SyntheticHistory;
import io.fxpipeline.ingest.service.CandleIngestion;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.ingest.job.Backfill;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest's bulk throughput, each case side by side with a PostgreSQL COPY of the same rows into an unlogged copy
 * of ingest.candles measured in the same run (the floor no client-side code beats): one year of H1 candles for
 * the 20 pairs paged from the OANDA stub (5000 a page) as the backfill command does, and 175,200 candles (8,760 a
 * pair) read from replay files as the replay feed plays them, both into PostgreSQL with data_ready messages.
 * Prints candles/s and the ratio to COPY.
 * Run: {@code mvn -B verify -Pbench -pl ingest-service -am -Dtest=BackfillBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class BackfillBenchmark {

    @OandaStub.Inject
    WireMockServer oanda;

    @Inject
    Backfill backfill;

    @Inject
    CandleIngestion ingestion;

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    java.util.Optional<String> password;

    @BeforeEach
    void emptyTables() {
        pool.query("TRUNCATE ingest.candles, ingest.series_sequences, ingest.backfill_coverage").execute()
                .await().atMost(Duration.ofMinutes(1));
    }

    @Test
    void aYearOfTwentyPairsFromReplayFiles() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/bench-replay"));
        Map<Pair, List<Candle>> generated = SyntheticHistory.generate(TrackedPairs.DEFAULT,
                Instant.parse("2024-01-07T22:00:00Z"), 75, 7L);
        for (Map.Entry<Pair, List<Candle>> e : generated.entrySet()) {
            StringBuilder csv = new StringBuilder(CsvCandles.HEADER).append('\n');
            e.getValue().subList(0, 8760).forEach(c -> csv.append(c.time()).append(',').append(c.open().toPlainString())
                    .append(',').append(c.high().toPlainString()).append(',').append(c.low().toPlainString()).append(',')
                    .append(c.close().toPlainString()).append(',').append(c.volume()).append('\n'));
            Files.writeString(dir.resolve(e.getKey().name() + ".csv"), csv);
        }
        long read = System.nanoTime();
        Map<Pair, List<Candle>> files = new LinkedHashMap<>();
        for (Pair pair : TrackedPairs.DEFAULT) {
            files.put(pair, CsvCandles.read(dir.resolve(pair.name() + ".csv"), Granularity.H1));
        }
        double readSeconds = (System.nanoTime() - read) / 1e9;
        long expected = files.values().stream().mapToLong(List::size).sum();

        long start = System.nanoTime();
        long stored = Multi.createFrom().iterable(files.entrySet())
                .onItem().transformToUni(e -> ingestion.store(e.getKey(), Granularity.H1, "replay", e.getValue()))
                .merge(RecordedFeed.CONCURRENCY)
                .collect().asList().await().atMost(Duration.ofMinutes(10))
                .stream().mapToLong(CandleIngestion.Result::stored).sum();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(stored).isEqualTo(expected);
        double copy = copySeconds();
        System.out.printf(Locale.ROOT, "BENCH ingest replay files: %,d candles (20 pairs x 8,760 H1) -> PostgreSQL + data_ready"
                        + " in %.2f s = %,.0f candles/s (reading the files: %.2f s); COPY of the same rows into an unlogged"
                        + " table: %.2f s = %,.0f rows/s; ingest is %.2fx COPY's speed (load average %s)%n", stored, seconds,
                stored / seconds, readSeconds, copy, stored / copy, copy / seconds, loadAverage());
    }

    /**
     * The floor: the rows ingest.candles now holds, exported and COPYed back into an unlogged table of the same
     * shape (constraints and primary key included) over one JDBC connection, timed.
     */
    double copySeconds() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password.orElse("")); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ingest.copy_floor");
            s.execute("CREATE UNLOGGED TABLE ingest.copy_floor (LIKE ingest.candles INCLUDING ALL)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringWriter rows = new StringWriter();
            copy.copyOut("COPY ingest.candles TO STDOUT", rows);
            long start = System.nanoTime();
            long n = copy.copyIn("COPY ingest.copy_floor FROM STDIN", new StringReader(rows.toString()));
            double seconds = (System.nanoTime() - start) / 1e9;
            s.execute("DROP TABLE ingest.copy_floor");
            assertThat(n).isPositive();
            return seconds;
        }
    }

    static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    /**
     * The year twice: first in a JVM that has not run a backfill yet (what the {@code backfill} command meets: its
     * REST client, OANDA parser and statements are still interpreted), then again on empty tables, warm (what the
     * service meets from its second run on). {@code -Dbench.warm.runs=N} repeats the warm run N times, for its spread.
     */
    @Test
    void oneYearOfTwentyPairsFromTheStub() throws Exception {
        oanda.resetAll();
        Instant start = OandaAnswers.hoursAgo(24 * 365);
        Map<Pair, List<Candle>> year = SyntheticHistory.generate(TrackedPairs.DEFAULT, start, 52, 11L);
        year.forEach((pair, candles) -> OandaAnswers.stubHistory(oanda, pair, candles));
        long expected = year.values().stream().mapToLong(List::size).sum();

        List<String> runs = new java.util.ArrayList<>(List.of("first run in this JVM"));
        for (int i = 1; i <= Integer.getInteger("bench.warm.runs", 1); i++) {
            runs.add("warm " + i + ", tables emptied");
        }
        for (String run : runs) {
            if (!run.startsWith("first")) {
                emptyTables();
                oanda.resetRequests();
            }
            Backfill.Report report = backfill.run(365, TrackedPairs.DEFAULT, new Backfill.Listener() { })
                    .await().atMost(Duration.ofMinutes(10));
            assertThat(report.stored()).isEqualTo(expected);
            double seconds = report.took().toMillis() / 1000.0;
            double copy = copySeconds();
            System.out.printf(Locale.ROOT, "BENCH backfill (%s): %,d candles (20 pairs x 1 year, %d requests) stub -> "
                            + "PostgreSQL + data_ready in %.2f s = %,.0f candles/s; COPY of the same rows into an unlogged "
                            + "table: %.2f s = %,.0f rows/s; backfill is %.2fx COPY's speed (load average %s)%n", run,
                    report.stored(), oanda.getAllServeEvents().size(), seconds, report.stored() / seconds, copy,
                    report.stored() / copy, copy / seconds, loadAverage());
        }
    }
}
