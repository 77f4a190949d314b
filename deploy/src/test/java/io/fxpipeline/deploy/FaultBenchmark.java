package io.fxpipeline.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault cases of issue 11, scripted (bench profile only: it stops PostgreSQL and Redis, which must never happen
 * to the servers other tests share, so it runs on a cluster and a Redis of its own). The three built services run
 * as processes while ingest plays the shipped 12 weeks of 20 pairs at 10 market hours a second (28,820 candles);
 * meanwhile Redis is restarted, PostgreSQL is stopped for 60 s, and each service is killed with SIGKILL and
 * restarted. Prints, per case, the seconds from the end of the fault until analytics and correlation hold every
 * candle ingest holds again; at the end, every candle must be in both consumers exactly once.
 */
class FaultBenchmark {

    static final long RECORDED = 20 * 1441;
    static final Duration WAIT = Duration.ofMinutes(5);
    static final List<ServiceProcess> processes = new ArrayList<>();
    static IsolatedServers.Postgres postgres;
    static IsolatedServers.Redis redis;
    static Path logs;

    @AfterAll
    static void stopEverything() throws Exception {
        for (ServiceProcess p : processes) {
            p.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static Map<String, String> env(String service) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", String.valueOf(postgres.port));
        env.put("DB_NAME", "fx");
        env.put("REDIS_HOST", "127.0.0.1");
        env.put("REDIS_PORT", String.valueOf(redis.port));
        env.put("HOURLY_JOB_ENABLED", "false");
        env.put("DAILY_JOB_ENABLED", "false");
        if (service.equals("ingest")) {
            env.put("FX_FEED", "replay");
            env.put("FX_REPLAY_DIR", Repo.root().resolve("ingest-service/src/main/replay/synthetic-h1").toString());
            env.put("FX_REPLAY_START", "2025-01-05T22:00:00Z");
            env.put("FX_REPLAY_SPEED", "36000");
        }
        return env;
    }

    static ServiceProcess start(String service) throws Exception {
        ServiceProcess p = new ServiceProcess(service + "-service", env(service), logs).start();
        processes.add(p);
        return p.awaitReady(Duration.ofMinutes(2));
    }

    /** Candles in ingest, metric rows in analytics, closes in correlation: one snapshot. */
    static long[] counts() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port + "/fx", "postgres", "");
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                        SELECT (SELECT count(*) FROM ingest.candles), (SELECT count(*) FROM analytics.volatility_metrics),
                               (SELECT count(*) FROM correlation.closes)""")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
        } catch (SQLException down) {
            return new long[] {-1, -2, -3};
        }
    }

    static long query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port + "/fx", "postgres", "");
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Seconds from now until ingest has stored more than {@code before} and both consumers hold all of it. */
    static double recovery(String fault, long before) {
        long start = System.nanoTime();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            long[] n = counts();
            return (n[0] > before || n[0] == RECORDED) && n[0] == n[1] && n[0] == n[2];
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH fault %-34s recovered in %5.1f s (candles stored so far: %,d)%n", fault, seconds, counts()[0]);
        return seconds;
    }

    @Test
    void nothingIsLostOrDuplicatedThroughRedisRestartPostgresOutageAndSigkills() throws Exception {
        Path bin = IsolatedServers.postgresBin();
        Assumptions.assumeTrue(bin != null, "no PostgreSQL binaries (pg_ctl, initdb) on this machine");
        Assumptions.assumeTrue(IsolatedServers.redisAvailable(), "no redis-server on this machine");
        logs = Files.createDirectories(Path.of("target/fault-logs-" + UUID.randomUUID().toString().substring(0, 8)));
        postgres = new IsolatedServers.Postgres(bin);
        postgres.start();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port + "/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE fx");
        }
        redis = new IsolatedServers.Redis();
        redis.start();

        Map<String, ServiceProcess> services = new HashMap<>();
        services.put("analytics", start("analytics"));
        services.put("correlation", start("correlation"));
        services.put("ingest", start("ingest"));
        await().atMost(WAIT).until(() -> counts()[1] > 1000 && counts()[2] > 1000);

        // 1. Redis restarts (every subscription and key is gone): the services resubscribe and ask for replays.
        redis.stop();
        redis.start();
        recovery("Redis restart", counts()[0]);

        // 2. PostgreSQL stops for 60 s: ingest cannot store, the consumers cannot write; all of it must come back.
        postgres.stop();
        Thread.sleep(Duration.ofSeconds(60).toMillis()); // the outage's length is the scenario, not a wait for a state
        postgres.start();
        recovery("PostgreSQL stopped 60 s", counts()[0]);

        // 3. Each service killed with SIGKILL (no shutdown hook runs) and started again.
        for (String service : List.of("analytics", "correlation", "ingest")) {
            services.get(service).kill();
            long before = counts()[0];
            services.put(service, start(service));
            recovery("SIGKILL " + service + " (+ restart)", before);
        }

        // The recording plays to its end; then every candle is in both consumers, and in each exactly once.
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long[] n = counts();
            return n[0] == RECORDED && n[1] == RECORDED && n[2] == RECORDED;
        });
        long missingMetrics = query("""
                SELECT count(*) FROM ingest.candles c LEFT JOIN analytics.volatility_metrics m
                    ON m.pair = c.pair AND m.granularity = c.granularity AND m.time = c.time WHERE m.time IS NULL""");
        long missingCloses = query("""
                SELECT count(*) FROM ingest.candles c LEFT JOIN correlation.closes k
                    ON k.pair = c.pair AND k.granularity = c.granularity AND k.time = c.time WHERE k.time IS NULL""");
        long wrongCloses = query("""
                SELECT count(*) FROM ingest.candles c JOIN correlation.closes k
                    ON k.pair = c.pair AND k.granularity = c.granularity AND k.time = c.time WHERE k.close <> c.close::float8""");
        long distinctMetrics = query("SELECT count(DISTINCT (pair, granularity, time)) FROM analytics.volatility_metrics");
        System.out.printf("BENCH fault run end: %,d candles in ingest, %,d metric rows (%,d distinct), %,d closes; "
                + "missing: %d metrics, %d closes; closes differing from ingest: %d%n", RECORDED, counts()[1],
                distinctMetrics, counts()[2], missingMetrics, missingCloses, wrongCloses);
        assertThat(missingMetrics).isZero();
        assertThat(missingCloses).isZero();
        assertThat(wrongCloses).isZero();
        assertThat(distinctMetrics).isEqualTo(RECORDED);
    }
}
