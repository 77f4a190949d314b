package io.fxpipeline.deploy;

import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.RealServers;
import io.fxpipeline.testing.ServerAddress;
import io.fxpipeline.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The three built services as separate processes, each logged in as its own database role (deploy/sql/roles.sql),
 * on real PostgreSQL and Redis with a run prefix, fed 14 days (10 trading days) of the shipped replay data for
 * all 20 pairs. Then analytics is killed with SIGKILL, another day is fed, and the restarted analytics must
 * catch up with nothing missing and nothing twice. Prints the candle → metrics latency and each process's RSS.
 */
class SuiteEndToEndTest {

    static final Instant FIRST = Instant.parse("2025-01-05T22:00:00Z");
    static final Instant PLAYED_TO = FIRST.plus(Duration.ofDays(14));
    static final Duration WAIT = Duration.ofSeconds(120);

    static TestDatabase database;
    static ServerAddress redis;
    static String run;
    static String prefix;
    static Path logs;
    static final Map<String, String> passwords = new HashMap<>();
    static final List<ServiceProcess> processes = new ArrayList<>();

    @BeforeAll
    static void databaseWithOneRolePerService() throws Exception {
        run = UUID.randomUUID().toString().substring(0, 8);
        prefix = "e2e-" + run + ":";
        database = TestDatabase.create("e2e");
        redis = RealServers.redis();
        logs = Files.createDirectories(Path.of("target/e2e-logs-" + run));
        String sql = Files.readString(Repo.root().resolve("deploy/sql/roles.sql"));
        for (String service : List.of("ingest", "analytics", "correlation")) {
            String password = UUID.randomUUID().toString();
            passwords.put(service, password);
            // roles are cluster-wide: a per-run name keeps parallel runs apart
            sql = sql.replace(":'" + service + "_password'", "'" + password + "'").replace("fx_" + service, role(service));
        }
        sql = sql.replace(":\"DBNAME\"", "\"" + database.name() + "\""); // what psql puts there
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    static String role(String service) {
        return "fx_" + service + "_" + run;
    }

    @AfterAll
    static void stopAndDropEverything() throws Exception {
        for (ServiceProcess p : processes) {
            p.close();
        }
        if (prefix != null) {
            io.fxpipeline.testing.PrefixedKeys.delete(redis, prefix); // the run's keys
        }
        if (database != null) {
            database.close();
            try (Connection c = database.server().connect("postgres"); Statement s = c.createStatement()) {
                for (String service : List.of("ingest", "analytics", "correlation")) {
                    s.execute("DROP ROLE IF EXISTS " + role(service));
                }
            }
        }
    }

    static Map<String, String> env(String service) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", database.server().address().host());
        env.put("DB_PORT", String.valueOf(database.server().address().port()));
        env.put("DB_NAME", database.name());
        env.put("DB_USER", role(service));
        env.put("DB_PASSWORD", passwords.get(service));
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", String.valueOf(redis.port()));
        env.put("FX_PREFIX", prefix);
        env.put("HOURLY_JOB_ENABLED", "false");
        env.put("DAILY_JOB_ENABLED", "false");
        if (service.equals("ingest")) {
            env.put("FX_FEED", "replay");
            env.put("FX_REPLAY_DIR", Repo.root().resolve("ingest-service/src/main/replay/synthetic-h1").toString());
            env.put("FX_REPLAY_START", PLAYED_TO.toString());
            env.put("FX_REPLAY_SPEED", "1"); // the clock barely moves: the test decides what is fed when
        }
        return env;
    }

    static ServiceProcess start(String service) throws Exception {
        ServiceProcess p = new ServiceProcess(service + "-service", env(service), logs).start();
        processes.add(p);
        return p;
    }

    static long count(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void candlesFlowThroughEveryServiceAndAKilledAnalyticsCatchesUp() throws Exception {
        ServiceProcess analytics = start("analytics");
        ServiceProcess correlation = start("correlation");
        analytics.awaitReady(WAIT);
        correlation.awaitReady(WAIT);
        try (ChannelRecorder recorder = ChannelRecorder.subscribe("redis://" + redis.host() + ":" + redis.port(),
                prefix + "data_ready", prefix + "volatility_alerts", prefix + "correlation_alerts")) {
            ServiceProcess ingest = start("ingest").awaitReady(WAIT);

            // 1. Ten trading days of 20 pairs: ingest stores them, analytics and correlation receive every one.
            long candles = 20 * 240;
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM ingest.candles") == candles);
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM analytics.volatility_metrics") == candles);
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM correlation.closes") == candles);
            assertThat(count("SELECT count(DISTINCT pair) FROM ingest.candles")).isEqualTo(20);
            assertThat(count("""
                    SELECT count(*) FROM ingest.candles c LEFT JOIN analytics.volatility_metrics m USING (pair, granularity, time)
                    WHERE m.time IS NULL""")).isZero();
            double[] bulkLatency = latencyMillis(FIRST);

            // 2. A correlation run over the last 100 candles: a full matrix and best pairs.
            var run = correlation.post("/correlation/run");
            assertThat(run.statusCode()).isEqualTo(200);
            assertThat(run.body()).contains("\"status\":\"SUCCEEDED\"", "\"entries\":190", "\"with_value\":190");
            var best = correlation.get("/correlation/best-pairs?limit=3");
            assertThat(best.statusCode()).isEqualTo(200);
            assertThat(best.body()).contains("\"rank\":1", "\"reason\":");

            // 3. What a redis-cli subscriber sees: every kind of data_ready, and alerts of both kinds.
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(recorder.payloads(prefix + "data_ready")).anyMatch(m -> m.contains("\"type\":\"candles\""))
                        .anyMatch(m -> m.contains("\"type\":\"metrics\"")).anyMatch(m -> m.contains("\"type\":\"correlation\""));
                assertThat(recorder.payloads(prefix + "volatility_alerts")).isNotEmpty();
                assertThat(recorder.payloads(prefix + "correlation_alerts")).isNotEmpty();
            });

            // 4. Each service's data stays in its own schema, and no role can read another's.
            assertThat(tables("ingest")).contains("candles", "price_ticks", "market_sessions", "job_runs", "series_sequences")
                    .doesNotContain("volatility_metrics", "closes");
            // analytics keeps its own copy of the prices it received (the inputs of its metrics) in its bar rows
            assertThat(tables("analytics")).contains("volatility_metrics").doesNotContain("candles", "closes", "correlation_matrix");
            assertThat(tables("correlation")).contains("closes", "correlation_matrix", "best_pairs")
                    .doesNotContain("candles", "volatility_metrics");
            assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
            assertThatThrownBy(() -> readAs("analytics", "SELECT count(*) FROM ingest.candles"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> readAs("correlation", "SELECT count(*) FROM analytics.volatility_metrics"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> readAs("ingest", "SELECT count(*) FROM correlation.closes"))
                    .hasMessageContaining("permission denied");

            long[] rss = {ingest.rssMiB(), analytics.rssMiB(), correlation.rssMiB()};

            // 5. SIGKILL analytics, feed one more day (the backfill command, on the replay clock a day later).
            analytics.kill();
            Map<String, String> nextDay = env("ingest");
            nextDay.put("FX_REPLAY_START", PLAYED_TO.plus(Duration.ofDays(1)).toString());
            ServiceProcess.Result backfill = ServiceProcess.run("ingest-service", nextDay, logs, "backfill", "--days", "3", "--no-progress");
            assertThat(backfill.exitCode()).as(backfill.output()).isZero();
            assertThat(backfill.output()).contains("EUR_USD: 264 records (24 new or changed, 0 rejected)");
            long more = candles + 20 * 24;
            assertThat(count("SELECT count(*) FROM ingest.candles")).isEqualTo(more);
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM correlation.closes") == more);
            assertThat(count("SELECT count(*) FROM analytics.volatility_metrics")).isEqualTo(candles);

            // 6. Restarted, analytics asks for what it missed and gets exactly that.
            ServiceProcess restarted = start("analytics").awaitReady(WAIT);
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM analytics.volatility_metrics") == more);
            assertThat(count("""
                    SELECT count(*) FROM ingest.candles c LEFT JOIN analytics.volatility_metrics m USING (pair, granularity, time)
                    WHERE m.time IS NULL""")).isZero();
            assertThat(count("SELECT count(*) FROM (SELECT pair, time FROM analytics.volatility_metrics GROUP BY pair, time HAVING count(*) > 1) d"))
                    .isZero();
            // the metrics after the gap continue the series: every window is full again at the end
            assertThat(count("""
                    SELECT count(*) FROM analytics.volatility_metrics
                    WHERE time = (SELECT max(time) FROM analytics.volatility_metrics) AND (hv_50 IS NULL OR atr_14 IS NULL)""")).isZero();

            // 7. Live pace: ingest plays on from there at one market hour a second (20 candles a tick, as each hour
            //    closes), and every candle's metrics follow.
            ingest.close();
            Map<String, String> live = env("ingest");
            Instant liveFrom = PLAYED_TO.plus(Duration.ofDays(1));
            live.put("FX_REPLAY_START", liveFrom.toString());
            live.put("FX_REPLAY_SPEED", "3600");
            ServiceProcess playing = new ServiceProcess("ingest-service", live, logs).start();
            processes.add(playing);
            playing.awaitReady(WAIT);
            long target = more + 20 * 10;
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM ingest.candles") >= target);
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM analytics.volatility_metrics")
                    >= count("SELECT count(*) FROM ingest.candles WHERE time < (SELECT max(time) FROM ingest.candles)"));
            double[] liveLatency = latencyMillis(liveFrom);

            System.out.printf("E2E candle stored by ingest -> its metrics stored by analytics, live (one hour a tick): p50 %.0f ms,"
                    + " p99 %.0f ms over %d candles%n", liveLatency[0], liveLatency[1], (long) liveLatency[2]);
            System.out.printf("E2E same, bulk (4,800 candles stored at once on the first tick): p50 %.0f ms, p99 %.0f ms%n",
                    bulkLatency[0], bulkLatency[1]);
            System.out.printf("E2E RSS after 10 trading days: ingest %d MiB, analytics %d MiB, correlation %d MiB; restarted analytics %d MiB%n",
                    rss[0], rss[1], rss[2], restarted.rssMiB());
        }
    }

    /** p50, p99 and count of (metrics computed_at − candle ingested_at) for candles opened at or after {@code from}. */
    static double[] latencyMillis(Instant from) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), count(*)
                FROM (SELECT extract(epoch FROM m.computed_at - c.ingested_at) * 1000 AS ms
                      FROM ingest.candles c JOIN analytics.volatility_metrics m USING (pair, granularity, time)
                      WHERE c.time >= '%s') x""".formatted(from))) {
            r.next();
            return new double[] {r.getDouble(1), r.getDouble(2), r.getLong(3)};
        }
    }

    static Set<String> tables(String schema) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = '" + schema + "'")) {
            while (r.next()) {
                tables.add(r.getString(1));
                assertThat(r.getString(2)).as(schema + "." + r.getString(1) + " owner").isEqualTo(role(schema));
            }
        }
        return tables;
    }

    static void readAs(String service, String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(), role(service), passwords.get(service));
             Statement s = c.createStatement()) {
            s.executeQuery(sql).close();
        }
    }
}
