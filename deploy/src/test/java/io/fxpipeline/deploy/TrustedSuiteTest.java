package io.fxpipeline.deploy;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.signature.SigningKeys;
import io.fxpipeline.testing.ServerAddress;
import io.fxpipeline.testing.TestDatabase;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four built services, each logged in to a Redis of this test's own as its ACL user (deploy/redis/users-acl.sh),
 * with candle signatures on: ingest stores three replayed days and both consumers hold every candle (so every command
 * each service sends at start, on its schedule and per message is allowed; Redis's ACL log stays empty), the
 * dashboard's subscriptions are up, and a candle message the analytics user publishes on data_ready (the channel
 * ACLs let it: it shares the channel) is rejected by correlation as unsigned and stored nowhere.
 */
class TrustedSuiteTest {

    static final Instant FIRST = Instant.parse("2025-01-05T22:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(180);
    static final List<ServiceProcess> processes = new ArrayList<>();
    static IsolatedServers.Redis redis;
    static TestDatabase database;

    @AfterAll
    static void stopEverything() throws Exception {
        for (ServiceProcess p : processes) {
            p.close();
        }
        RedisAclTest.closeClients();
        if (redis != null) {
            redis.close();
        }
        if (database != null) {
            database.close();
        }
    }

    static long count(String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void everyServiceRunsAsItsOwnRedisUserAndConsumersAcceptOnlyIngestsCandles() throws Exception {
        Assumptions.assumeTrue(IsolatedServers.redisAvailable(), "no redis-server on this machine");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "trust-" + run + ":";
        Path logs = Files.createDirectories(Path.of("target/trust-logs-" + run));
        RedisUsers users = new RedisUsers(prefix, logs);
        redis = new IsolatedServers.Redis("--aclfile", users.aclFile.toString());
        redis.start();
        RedisAclTest.redis = redis;
        RedisAclTest.users = users;
        RedisAclTest.vertx = io.vertx.mutiny.core.Vertx.vertx();
        database = TestDatabase.create("trust");
        SigningKeys.Text keys = SigningKeys.generate();

        for (String service : List.of("analytics", "correlation", "dashboard", "ingest")) {
            Map<String, String> env = new java.util.HashMap<>(ServiceProcess.connection(database,
                    new ServerAddress("127.0.0.1", redis.port), prefix));
            env.putAll(users.env(service));
            env.put("HOURLY_JOB_ENABLED", "false");
            env.put("DAILY_JOB_ENABLED", "false");
            env.put("FX_CANDLE_PUBLIC_KEY", keys.publicKey());
            if (service.equals("ingest")) {
                env.put("FX_CANDLE_SIGNING_KEY", keys.privateKey());
                env.put("FX_FEED", "replay");
                env.put("FX_REPLAY_DIR", Repo.root().resolve("ingest-service/src/main/replay/synthetic-h1").toString());
                env.put("FX_REPLAY_START", FIRST.plus(Duration.ofDays(3)).toString());
                env.put("FX_REPLAY_SPEED", "1");
            }
            ServiceProcess p = new ServiceProcess(service + "-service", env, logs).start();
            processes.add(p);
            p.awaitReady(WAIT);
        }
        ServiceProcess correlation = processes.get(1);

        long candles = 20 * 72;
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM ingest.candles") == candles);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM analytics.volatility_metrics") == candles);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM correlation.closes") == candles);

        // the analytics user may publish on data_ready (its metrics go there), so it can put a candle there too
        ReactiveRedisDataSource analytics = RedisAclTest.as("analytics");
        Channels channels = new Channels(prefix);
        Instant hour = FIRST.plus(Duration.ofDays(3));
        BigDecimal price = new BigDecimal("5.00000");
        String forged = new MessageCodec().encode(CandlesReady.live(Instant.now(), Pair.of("EUR_USD"), Granularity.H1,
                73, List.of(new Candle(hour, price, price, price, price, 1L))));
        analytics.pubsub(String.class).publish(channels.dataReady(), forged).await().atMost(Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> correlation.get("/q/metrics").body()
                .contains("fx_correlation_messages_rejected_total{reason=\"unsigned\"} 1.0"));
        assertThat(count("SELECT count(*) FROM correlation.closes WHERE time >= '" + hour + "'")).isZero();
        assertThat(count("SELECT count(*) FROM analytics.volatility_metrics WHERE time >= '" + hour + "'")).isZero();

        // every command the four services sent was one their users may send
        var log = RedisAclTest.as("admin", users.adminPassword).execute("ACL", "LOG").await().atMost(Duration.ofSeconds(10));
        assertThat(log.size()).as("ACL LOG: %s", log).isZero();
    }
}
