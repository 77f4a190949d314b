package io.fxpipeline.deploy;

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
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * DB_SSL_MODE and REDIS_URL (the settings a managed PostgreSQL or Redis needs) reach the drivers of a built jar:
 * asking for TLS from the test servers, which speak none, stops start-up, and a plain REDIS_URL is what the
 * service connects to whatever REDIS_HOST says.
 */
class TransportSecurityTest {

    static TestDatabase database;
    static ServerAddress redis;
    static Path logs;

    @BeforeAll
    static void servers() throws Exception {
        database = TestDatabase.create("tls");
        redis = RealServers.redis();
        logs = Files.createDirectories(Path.of("target/tls-logs"));
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            database.close();
        }
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", database.server().address().host());
        env.put("DB_PORT", String.valueOf(database.server().address().port()));
        env.put("DB_NAME", database.name());
        env.put("DB_USER", database.server().user());
        env.put("DB_PASSWORD", database.server().password() == null ? "" : database.server().password());
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", String.valueOf(redis.port()));
        env.put("FX_PREFIX", "tls-" + Long.toHexString(System.nanoTime()) + ":");
        env.put("DAILY_JOB_ENABLED", "false");
        return env;
    }

    @Test
    void requiredTlsToAPostgresWithoutItStopsStartUpWithTheServersAnswer() throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW ssl")) {
            r.next();
            assumeThat(r.getString(1)).as("the test PostgreSQL speaks TLS, so a refusal cannot be shown").isEqualTo("off");
        }
        Map<String, String> env = env();
        env.put("DB_SSL_MODE", "require");
        ServiceProcess.Result result = ServiceProcess.run("analytics-service", env, logs);
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("The server does not support SSL");
    }

    @Test
    void redisUrlReplacesHostAndPortAndRedissSpeaksTls() throws Exception {
        Map<String, String> plain = env();
        plain.put("REDIS_HOST", "nowhere.invalid");
        plain.put("REDIS_PORT", "1");
        plain.put("REDIS_URL", "redis://" + redis.host() + ":" + redis.port() + "/0");
        try (ServiceProcess analytics = new ServiceProcess("analytics-service", plain, logs).start()) {
            analytics.awaitReady(Duration.ofSeconds(60));
        }

        Map<String, String> tls = new HashMap<>(plain);
        tls.put("REDIS_URL", "rediss://" + redis.host() + ":" + redis.port() + "/0");
        ServiceProcess.Result result = ServiceProcess.run("analytics-service", tls, logs);
        assertThat(result.exitCode()).as("a TLS handshake with a plain Redis cannot succeed: " + result.output()).isNotZero();
        assertThat(result.output()).contains("Failed to start quarkus");
    }
}
