package io.fxpipeline.deploy;

import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;

import io.fxpipeline.testing.RealServers;
import io.fxpipeline.testing.ServerAddress;
import io.fxpipeline.testing.TestDatabase;
import io.fxpipeline.testing.bench.CpuMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's proof: the three built services as processes (with their images' JVM settings, {@link ImageJvm}) take a
 * year of 20 pairs of H1 candles (175,200, generated replay files, {@link GeneratedReplay}) from ingest's replay feed
 * through analytics (metrics stored) and correlation (closes stored); in the same run the script the suite replaces
 * (deploy/bench/pandas_baseline.py: pandas + psycopg2) does the same work on the same files. Prints suite and
 * baseline times and their ratio, candles/s per stage, each consumer's lag behind ingest, start-up to ready and the
 * RSS of every service after the load and during live play (the replay clock then plays one bar a second per pair).
 * A second case runs a month of M1 candles for 20 pairs (600,000) through the suite (issue 14's scale check).
 * <p>
 * Run: {@code mvn -B verify -Pbench -pl deploy -am -Dtest=SuiteThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * after the services are packaged. {@code -Dbench.jvm="..."} tries other JVM options.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class SuiteThroughputBenchmark {

    static final String PYTHON = "/usr/bin/python3";
    static final Path BASELINE_SCRIPT = Repo.root().resolve("deploy/bench/pandas_baseline.py");
    static final Duration WAIT = Duration.ofMinutes(15);
    static final int LIVE_BARS = 120;

    final List<ServiceProcess> processes = new ArrayList<>();
    final List<TestDatabase> databases = new ArrayList<>();
    /** The runs' channel and key prefixes: their keys are deleted afterwards (the alerts stream has no TTL). */
    final List<String> prefixes = new ArrayList<>();
    /** A heap for ingest and analytics other than their images', or null. */
    String bigHeap;

    @AfterEach
    void stopAndDrop() throws Exception {
        stopServices();
        for (TestDatabase d : databases) {
            d.close();
        }
        for (String prefix : prefixes) {
            io.fxpipeline.testing.PrefixedKeys.delete(RealServers.redis(), prefix);
        }
    }

    void stopServices() throws InterruptedException {
        for (ServiceProcess p : processes) {
            p.close();
        }
        processes.clear();
    }

    @Test
    void aYearOfTwentyPairsOfH1ThroughTheSuiteAgainstThePandasScript() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/bench-suite-" + UUID.randomUUID().toString().substring(0, 8)));
        // 8,760 bars a pair, as many as a calendar year has hours (market hours only, so it spans about 17 months)
        GeneratedReplay replay = GeneratedReplay.write(dir.resolve("replay"), Instant.parse("2024-01-07T22:00:00Z"),
                Duration.ofHours(1), 8760 + LIVE_BARS, 20250105L);
        Instant bulkEnd = liveFrom(replay, Duration.ofHours(1));
        long bulk = 20L * 8760;
        Run suite = runSuite("H1 year", "H1", replay, bulkEnd, bulk, dir);

        Baseline baseline = baseline(replay, bulkEnd, "H1", dir);
        if (baseline != null) {
            System.out.printf(Locale.ROOT, "BENCH suite H1 year: suite %.2f s vs %s %.2f s (same %,d candles, same run):"
                            + " suite is %.2fx the baseline's speed%n", suite.seconds, baseline.name, baseline.seconds, bulk,
                    baseline.seconds / suite.seconds);
        }
    }

    @Test
    void aMonthOfTwentyPairsOfM1ThroughTheSuite() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/bench-m1-" + UUID.randomUUID().toString().substring(0, 8)));
        GeneratedReplay replay = GeneratedReplay.write(dir.resolve("replay"), Instant.parse("2025-03-02T22:00:00Z"),
                Duration.ofMinutes(1), 30_000 + LIVE_BARS, 20250302L);
        Instant bulkEnd = liveFrom(replay, Duration.ofMinutes(1));
        // -Dbench.m1.heap=-Xmx384m gives ingest and analytics more than their images' heaps (printed in the BENCH
        // line); by default they run as shipped
        bigHeap = System.getProperty("bench.m1.heap");
        runSuite("M1 month", "M1", replay, bulkEnd, 20L * 30_000, dir);
    }

    /** The open time of the first live bar: the replay clock starts there, the bars before it are the bulk load. */
    static Instant liveFrom(GeneratedReplay replay, Duration bar) throws Exception {
        List<String> lines = Files.readAllLines(replay.dir.resolve("EUR_USD.csv"));
        return Instant.parse(lines.get(lines.size() - LIVE_BARS).split(",")[0]);
    }

    /** The open time of the last bar of the bulk load: every pair of a generated replay has the same bars. */
    static Instant lastBulkBar(GeneratedReplay replay) throws Exception {
        List<String> lines = Files.readAllLines(replay.dir.resolve("EUR_USD.csv"));
        return Instant.parse(lines.get(lines.size() - LIVE_BARS - 1).split(",")[0]);
    }

    /**
     * When each stage holds the whole bulk load, found without loading the machine under test: every 100 ms, over
     * one connection, each pair's newest bar per table (a primary-key step); only a table where every pair reached the
     * last bulk bar is counted in full, and its stage is done when that count is the whole load (a replayed hole can land after
     * the last bar; such a table is counted again at the next polls). The earlier probe opened a connection and counted
     * the three growing tables at every poll: PostgreSQL's CPU over the load was 11.6 s with it, 10.6 s with this one.
     */
    static final class LoadProbe implements AutoCloseable {

        private static final String[] TABLES = {"ingest.candles", "analytics.volatility_metrics", "correlation.closes"};
        private final Connection connection;
        private final Array pairs;
        private final String granularity;
        private final OffsetDateTime lastBar;
        private final String live;
        private final long bulk;

        LoadProbe(TestDatabase database, String granularity, Instant lastBar, String live, long bulk) throws SQLException {
            this.connection = database.connect();
            this.pairs = connection.createArrayOf("text", TrackedPairs.DEFAULT.stream().map(Pair::name).toArray());
            this.granularity = granularity;
            this.lastBar = lastBar.atOffset(ZoneOffset.UTC);
            this.live = live;
            this.bulk = bulk;
        }

        void poll(long[] done) {
            for (int i = 0; i < TABLES.length; i++) {
                if (done[i] == 0 && pairsWithLastBar(TABLES[i]) == TrackedPairs.DEFAULT.size() && count(TABLES[i]) == bulk) {
                    done[i] = System.currentTimeMillis();
                }
            }
        }

        private long pairsWithLastBar(String table) {
            // each pair's newest bar, one backward step on the primary key: with the tables' statistics still those of
            // empty tables, an EXISTS on (pair, granularity, time) was planned on ingest's (pair, granularity, seq)
            // index and read every stored row of the pair (28 ms a poll, 1.0 s of PostgreSQL's CPU over the load)
            try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM unnest(?::text[]) AS p(pair) "
                    + "CROSS JOIN LATERAL (SELECT t.time FROM " + table + " t WHERE t.pair = p.pair AND t.granularity = ? "
                    + "ORDER BY t.time DESC LIMIT 1) AS newest WHERE newest.time >= ?")) {
                s.setArray(1, pairs);
                s.setString(2, granularity);
                s.setObject(3, lastBar);
                return single(s);
            } catch (SQLException notYetMigrated) {
                return -1;
            }
        }

        private long count(String table) {
            try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + live)) {
                return single(s);
            } catch (SQLException notYetMigrated) {
                return -1;
            }
        }

        private static long single(PreparedStatement s) throws SQLException {
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    record Run(double seconds) {
    }

    record Baseline(String name, double seconds) {
    }

    Run runSuite(String label, String granularity, GeneratedReplay replay, Instant bulkEnd, long bulk, Path dir)
            throws Exception {
        TestDatabase database = TestDatabase.create("bench");
        databases.add(database);
        ServerAddress redis = RealServers.redis();
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        prefixes.add(prefix);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        Map<String, Duration> startUp = new LinkedHashMap<>();
        Map<ServiceProcess, Double> cpuBefore = new HashMap<>();
        CpuMeter cpu = null;
        long ingestReady = 0;
        for (String service : List.of("analytics", "correlation", "ingest")) {
            Map<String, String> env = ServiceProcess.connection(database, redis, prefix);
            String jvm = ImageJvm.options(service + "-service");
            env.put("JDK_JAVA_OPTIONS", !service.equals("correlation") && bigHeap != null
                    ? jvm.replaceAll("-Xmx\\S+", bigHeap) : jvm);
            if (ImageJvm.mallocArenas(service + "-service") != null) {
                env.put("MALLOC_ARENA_MAX", ImageJvm.mallocArenas(service + "-service"));
            }
            env.put("FX_GRANULARITY", granularity);
            env.put("HOURLY_JOB_ENABLED", "false");
            env.put("DAILY_JOB_ENABLED", "false");
            if (service.equals("ingest")) {
                env.put("FX_FEED", "replay");
                env.put("FX_REPLAY_DIR", replay.dir.toAbsolutePath().toString());
                env.put("FX_REPLAY_START", bulkEnd.toString());
                // after the bulk load the clock plays one bar a second: live play, for the RSS it costs
                env.put("FX_REPLAY_SPEED", granularity.equals("M1") ? "60" : "3600");
            }
            ServiceProcess p = new ServiceProcess(service + "-service", env, logs).start();
            processes.add(p);
            startUp.put(service, p.startUp(Duration.ofMinutes(2)));
            services.put(service, p);
            if (service.equals("ingest")) { // ingest loads once it is ready: what each process spends on it from here
                cpu = new CpuMeter(database.jdbcUrl(), database.server().user(), database.server().password(),
                        database.name());
                cpu.start();
                services.values().forEach(s -> cpuBefore.put(s, s.cpuSeconds()));
                ingestReady = System.currentTimeMillis();
            }
        }
        String live = "time < '" + bulkEnd + "'";
        long[] done = new long[3];
        long began = System.nanoTime();
        try (LoadProbe probe = new LoadProbe(database, granularity, lastBulkBar(replay), live, bulk)) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                services.values().forEach(ServiceProcess::assertAlive);
                probe.poll(done);
                return done[0] > 0 && done[1] > 0 && done[2] > 0;
            });
        }
        CpuMeter.Used postgres = cpu.stop();
        Map<String, String> cpuUsed = new LinkedHashMap<>();
        services.forEach((name, p) -> cpuUsed.put(name, String.format(Locale.ROOT, "%.1f", p.cpuSeconds()
                - cpuBefore.getOrDefault(p, 0.0))));
        long first = query(database, "SELECT (extract(epoch FROM min(ingested_at)) * 1000)::bigint FROM ingest.candles");
        Map<String, Long> rssAfterLoad = new LinkedHashMap<>();
        services.forEach((name, p) -> rssAfterLoad.put(name, p.rssMiB()));

        // live play: the clock stores one bar a second per pair; the largest RSS while it plays
        Map<String, Long> rssLive = new LinkedHashMap<>();
        services.keySet().forEach(name -> rssLive.put(name, 0L));
        long liveStarted = System.nanoTime();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            services.forEach((name, p) -> rssLive.merge(name, p.rssMiB(), Math::max));
            return System.nanoTime() - liveStarted > TimeUnit.SECONDS.toNanos(20)
                    && counts(database, "time >= '" + bulkEnd + "'")[1] >= 20L * 15;
        });
        long liveMetrics = counts(database, "time >= '" + bulkEnd + "'")[1];

        double suite = (Math.max(done[1], done[2]) - first) / 1000.0;
        String[] stage = {"ingest stored", "analytics metrics stored", "correlation closes stored"};
        System.out.printf(Locale.ROOT, "BENCH suite %s: %,d candles (20 pairs) replay files -> ingest -> data_ready -> "
                + "analytics + correlation in %.2f s (JVM of ingest: %s; MALLOC_ARENA_MAX %s)%n", label, bulk, suite,
                services.get("ingest").jvm(), ImageJvm.mallocArenas("ingest-service"));
        for (int i = 0; i < 3; i++) {
            double s = (done[i] - first) / 1000.0;
            System.out.printf(Locale.ROOT, "BENCH suite %s:   %-26s after %6.2f s = %,9.0f candles/s%s%n", label, stage[i],
                    s, bulk / s, i == 0 ? "" : String.format(Locale.ROOT, " (lag behind ingest: %.2f s)",
                            (done[i] - done[0]) / 1000.0));
        }
        System.out.printf(Locale.ROOT, "BENCH suite %s:   start-up to ready: %s%n", label, startUp.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").toList());
        // where the cores went: near 2 x the wall time means the machine, not a wait, sets the pace
        System.out.printf(Locale.ROOT, "BENCH suite %s:   CPU seconds from ingest ready to the end of the load (%.2f s "
                + "of wall time, first candle stored %.2f s after ready): %s, PostgreSQL (this database's backends, the "
                + "probe's included) %.1f; ingest's own start-up before that %.1f s%n", label,
                (Math.max(done[1], done[2]) - ingestReady) / 1000.0, (first - ingestReady) / 1000.0, cpuUsed,
                postgres.postgres(), cpuBefore.get(services.get("ingest")));
        System.out.printf(Locale.ROOT, "BENCH suite %s:   RSS after the load: %s; during live play (max, %,d live bars "
                + "stored): %s (MiB)%n", label, rssAfterLoad, liveMetrics, rssLive);
        System.out.printf(Locale.ROOT, "BENCH suite %s:   (waited %.1f s in all; load average %s)%n", label,
                (System.nanoTime() - began) / 1e9, Files.readString(Path.of("/proc/loadavg")).trim());
        assertThat(query(database, "SELECT count(DISTINCT (pair, time)) FROM analytics.volatility_metrics WHERE " + live))
                .isEqualTo(bulk);
        stopServices();
        return new Run(suite);
    }

    /** The pandas script on the same files in a database of its own; the JDBC fallback where pandas is absent. */
    Baseline baseline(GeneratedReplay replay, Instant bulkEnd, String granularity, Path dir) throws Exception {
        if (!pandasAvailable()) {
            System.out.println("BENCH suite baseline SKIPPED: " + PYTHON + " has no pandas/psycopg2. Install them with "
                    + "`apt-get install -y python3-pandas python3-psycopg2` (Debian) to compare with the pandas script.");
            return null;
        }
        TestDatabase database = TestDatabase.create("baseline");
        databases.add(database);
        String dsn = "host=" + database.server().address().host() + " port=" + database.server().address().port()
                + " dbname=" + database.name() + " user=" + database.server().user()
                + (database.server().password().isEmpty() ? "" : " password=" + database.server().password());
        Path out = dir.resolve("baseline.log");
        Process p = new ProcessBuilder(PYTHON, BASELINE_SCRIPT.toString(), "--dsn", dsn, "--dir",
                replay.dir.toAbsolutePath().toString(), "--granularity", granularity, "--before", bulkEnd.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("the baseline script finishes").isTrue();
        String output = Files.readString(out);
        assertThat(p.exitValue()).as(output).isZero();
        String[] line = output.lines().filter(l -> l.startsWith("BASELINE ")).findFirst().orElseThrow().split(" ");
        long candles = Long.parseLong(line[1]);
        double seconds = Double.parseDouble(line[2]);
        assertThat(query(database, "SELECT count(*) FROM baseline.volatility_metrics")).isEqualTo(candles);
        System.out.printf(Locale.ROOT, "BENCH suite baseline (pandas %s + psycopg2 execute_values, %s): %,d candles stored, "
                        + "metrics computed and stored, closes stored, correlation in %.2f s = %,.0f candles/s (load average %s)%n",
                pandasVersion(), BASELINE_SCRIPT.getFileName(), candles, seconds, candles / seconds,
                Files.readString(Path.of("/proc/loadavg")).trim());
        return new Baseline("the pandas script", seconds);
    }

    static boolean pandasAvailable() {
        return !pandasVersion().isEmpty();
    }

    static String pandasVersion() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import pandas, psycopg2; print(pandas.__version__)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (Exception absent) {
            return "";
        }
    }

    static long[] counts(TestDatabase database, String where) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT (SELECT count(*) FROM ingest.candles WHERE " + where + "), "
                        + "(SELECT count(*) FROM analytics.volatility_metrics WHERE " + where + "), "
                        + "(SELECT count(*) FROM correlation.closes WHERE " + where + ")")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
        } catch (SQLException notYetMigrated) {
            return new long[] {-1, -1, -1};
        }
    }

    static long query(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
