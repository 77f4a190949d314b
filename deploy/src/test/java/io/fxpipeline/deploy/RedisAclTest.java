package io.fxpipeline.deploy;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.fxpipeline.messaging.publish.Publisher;
import io.fxpipeline.messaging.trust.TrustConfig;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.model.message.VolatilityAlert;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * deploy/redis/users-acl.sh loaded into a redis-server of this test's own (its own port, a run prefix with a glob
 * character in it), each service logged in the way the services do (the kit's RedisUser puts REDIS_USERNAME into the
 * URI, REDIS_PASSWORD stays the password): every command each service sends is allowed, on its own keys and channels;
 * a consumer cannot publish prices or the other consumer's alerts; the dashboard can neither publish nor write; a
 * client that does not log in can only PING. At the end Redis's ACL log holds exactly the refusals provoked here.
 */
class RedisAclTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static IsolatedServers.Redis redis;
    static RedisUsers users;
    static Channels channels;
    static Vertx vertx;
    static final List<Redis> clients = new ArrayList<>();

    @BeforeAll
    static void redisWithTheUsers() throws Exception {
        Assumptions.assumeTrue(IsolatedServers.redisAvailable(), "no redis-server on this machine");
        String prefix = "acl*" + UUID.randomUUID().toString().substring(0, 6) + ":";
        users = new RedisUsers(prefix, Files.createTempDirectory("fx-acl"));
        channels = new Channels(prefix);
        redis = new IsolatedServers.Redis("--aclfile", users.aclFile.toString());
        redis.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        closeClients();
        if (redis != null) {
            redis.close();
        }
    }

    /**
     * Closes the clients {@link #as} made and their Vert.x, and forgets them: TrustedSuiteTest makes its own through
     * {@link #as} after this class's run, and a client closed twice throws.
     */
    static void closeClients() {
        clients.forEach(Redis::close);
        clients.clear();
        if (vertx != null) {
            vertx.closeAndAwait();
            vertx = null;
        }
    }

    /** A data source logged in as {@code user} (null: nobody), set up as the services' Quarkus client is. */
    static ReactiveRedisDataSource as(String user, String password) {
        // the kit's connection string (REDIS_DB 0); Redis's default user may not even SELECT, so nobody does not ask to
        RedisOptions options = new RedisOptions().setConnectionString("redis://127.0.0.1:" + redis.port
                + (user == null ? "" : "/0")).setPassword(password);
        new io.fxpipeline.messaging.trust.RedisUser(trust(user)).customize("<default>", options);
        Redis client = Redis.createClient(vertx, options);
        clients.add(client);
        return new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }

    static ReactiveRedisDataSource as(String service) {
        return as(service, users.password(service));
    }

    static TrustConfig trust(String user) {
        return new TrustConfig() {
            public Optional<String> redisUsername() {
                return Optional.ofNullable(user);
            }

            public Optional<String> candleSigningKey() {
                return Optional.empty();
            }

            public Optional<String> candlePublicKey() {
                return Optional.empty();
            }
        };
    }

    static Publisher publisher(ReactiveRedisDataSource redis, String service) {
        ServiceConfig config = new ServiceConfig() {
            public String service() {
                return service;
            }

            public Optional<String> prefixSetting() {
                return Optional.of(channels.prefix());
            }

            public List<Pair> pairs() {
                return List.of(Pair.of("EUR_USD"));
            }

            public Granularity granularity() {
                return Granularity.H1;
            }

            public int retentionDays() {
                return 365;
            }

            public boolean dailyEnabled() {
                return false;
            }

            public boolean serve() {
                return true;
            }

            public AlertRedelivery alertRedelivery() {
                return null; // the publisher does not use it
            }
        };
        return new Publisher(redis, channels, new MessageCodec(), new SimpleMeterRegistry(), config);
    }

    static void refused(Uni<?> command) {
        assertThatThrownBy(() -> command.await().atMost(WAIT)).hasMessageContaining("NOPERM");
    }

    /**
     * Asked of Redis by ACL DRYRUN: a refused SUBSCRIBE on a subscriber connection is not answered to the Quarkus
     * client (its subscribe only times out), so the refusal is checked where Redis states it.
     */
    static void subscribeRefused(String user, String channel) {
        assertThat(ok(as("admin", users.adminPassword).execute("ACL", "DRYRUN", user, "SUBSCRIBE", channel)).toString())
                .contains("no permissions");
    }

    static <T> T ok(Uni<T> command) {
        return command.await().atMost(WAIT);
    }

    /** Subscribes {@code redis} to {@code channel}; what arrives is added to the list. */
    static List<String> subscribed(ReactiveRedisDataSource redis, String channel) {
        List<String> received = new CopyOnWriteArrayList<>();
        ok(redis.pubsub(String.class).subscribe(channel, received::add));
        return received;
    }

    static final MessageCodec CODEC = new MessageCodec();
    static final CandlesReady CANDLES = CandlesReady.live(Instant.parse("2025-01-06T10:00:00Z"), Pair.of("EUR_USD"),
            Granularity.H1, 1, List.of(new Candle(Instant.parse("2025-01-06T09:00:00Z"), new BigDecimal("1.03000"),
                    new BigDecimal("1.03100"), new BigDecimal("1.02900"), new BigDecimal("1.03050"), 100L)));
    static final SystemAlert SYSTEM = new SystemAlert(Instant.parse("2025-01-06T10:00:00Z"), "test",
            SystemAlert.Kind.JOB_FAILED, "hourly", "failed");

    @Test
    void eachServiceMayDoWhatItDoes() {
        ReactiveRedisDataSource ingest = as("ingest");
        ReactiveRedisDataSource analytics = as("analytics");
        ReactiveRedisDataSource correlation = as("correlation");
        ReactiveRedisDataSource dashboard = as("dashboard");
        List<String> analyticsGets = subscribed(analytics, channels.dataReady());
        List<String> correlationGets = subscribed(correlation, channels.dataReady());
        List<String> ingestGets = subscribed(ingest, channels.replayRequests());
        List<List<String>> dashboardGets = new ArrayList<>();
        for (String channel : List.of(channels.dataReady(), channels.priceUpdates(), channels.volatilityAlerts(),
                channels.correlationAlerts(), channels.systemAlerts())) {
            dashboardGets.add(subscribed(dashboard, channel));
        }

        // ingest: candles, prices, its system alerts (with the stream), the price cache and replay claims
        Publisher ingestPublisher = publisher(ingest, "ingest");
        ok(ingestPublisher.publish(channels.dataReady(), CANDLES));
        ok(ingestPublisher.publish(channels.priceUpdates(), SYSTEM)); // any payload: the channel is what is checked
        ok(ingestPublisher.publishAlert(channels.systemAlerts(), SYSTEM));
        ok(ingest.value(String.class).set(channels.priceKey(Pair.of("EUR_USD")), "{}",
                new io.quarkus.redis.datasource.value.SetArgs().ex(Duration.ofSeconds(300))));
        assertThat(ok(ingest.value(String.class).get(channels.priceKey(Pair.of("EUR_USD"))))).isEqualTo("{}");
        ok(ingest.key().exists(channels.priceKey(Pair.of("EUR_USD"))));
        ok(ingest.execute("ZREMRANGEBYSCORE", channels.replayClaims(), "-inf", "1"));
        ok(ingest.execute("ZADD", channels.replayClaims(), "NX", "2", "digest"));
        ok(ingest.execute("ZREMRANGEBYRANK", channels.replayClaims(), "0", "-1001"));
        ok(ingest.execute("PEXPIRE", channels.replayClaims(), "600000"));
        ok(ingest.execute("INFO", "stats"));

        // analytics: metrics announcements, its alerts (with the stream), replay requests, its cache hash
        Publisher analyticsPublisher = publisher(analytics, "analytics");
        ok(analyticsPublisher.publishAlert(channels.volatilityAlerts(), new VolatilityAlert(Instant.now(),
                Pair.of("EUR_USD"), Granularity.H1, 0.3, 0.15, Severity.CRITICAL, Instant.parse("2025-01-06T09:00:00Z"))));
        ok(analyticsPublisher.publish(channels.dataReady(), SYSTEM));
        ok(analyticsPublisher.publish(channels.replayRequests(), SYSTEM));
        ok(analyticsPublisher.publishAlert(channels.systemAlerts(), SYSTEM));
        String metrics = channels.metricsKey(Pair.of("EUR_USD"));
        ok(analytics.key().del(metrics));
        ok(analytics.hash(String.class).hset(metrics, Map.of("hv_20", "0.1")));
        ok(analytics.key().expire(metrics, 3600));
        // what MetricsPipeline sends: the three in one MULTI/EXEC batch
        ok(analytics.getRedis().batch(List.of(Request.cmd(Command.MULTI), Request.cmd(Command.DEL).arg(metrics),
                Request.cmd(Command.HSET).arg(metrics).arg("hv_20").arg("0.1"),
                Request.cmd(Command.EXPIRE).arg(metrics).arg(3600), Request.cmd(Command.EXEC))));
        ok(analytics.key().exists(metrics));
        ok(analytics.execute("INFO", "memory"));

        // correlation: its announcements, alerts, replay requests and cached results
        Publisher correlationPublisher = publisher(correlation, "correlation");
        ok(correlationPublisher.publishAlert(channels.correlationAlerts(), SYSTEM));
        ok(correlationPublisher.publish(channels.dataReady(), SYSTEM));
        ok(correlationPublisher.publish(channels.replayRequests(), SYSTEM));
        ok(correlationPublisher.publishAlert(channels.systemAlerts(), SYSTEM));
        ok(correlation.value(String.class).setex(channels.correlationMatrixKey(), 86400, "{}"));
        ok(correlation.value(String.class).setex(channels.bestPairsKey(), 86400, "[]"));
        ok(correlation.key().exists(channels.bestPairsKey()));

        // dashboard: reads what the others cached
        assertThat(ok(dashboard.value(String.class).mget(channels.correlationMatrixKey(), channels.bestPairsKey(),
                channels.priceKey(Pair.of("EUR_USD"))))).containsValues("{}", "[]");
        assertThat(ok(dashboard.hash(String.class).hgetall(metrics))).containsEntry("hv_20", "0.1");
        ok(dashboard.execute("PING"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(analyticsGets).hasSize(3).contains(CODEC.encode(CANDLES));
            assertThat(correlationGets).hasSize(3);
            assertThat(ingestGets).hasSize(2);
            assertThat(dashboardGets).allSatisfy(received -> assertThat(received).isNotEmpty());
        });
        assertThat(ok(as("admin", users.adminPassword).execute("XLEN", channels.alertStream())).toLong()).isEqualTo(5);
        // the dashboard reads the newest alerts for a client that subscribes (the snapshot of the alert channels)
        assertThat(ok(dashboard.execute("XREVRANGE", channels.alertStream(), "+", "-", "COUNT", "50"))).hasSize(5);
    }

    @Test
    void aConsumerCannotPublishPricesOrTheOtherConsumersAlertsNorTouchOthersKeys() {
        ReactiveRedisDataSource analytics = as("analytics");
        ReactiveRedisDataSource correlation = as("correlation");
        refused(analytics.pubsub(String.class).publish(channels.priceUpdates(), "{}"));
        refused(analytics.pubsub(String.class).publish(channels.correlationAlerts(), "{}"));
        refused(correlation.pubsub(String.class).publish(channels.priceUpdates(), "{}"));
        refused(correlation.pubsub(String.class).publish(channels.volatilityAlerts(), "{}"));
        // subscribing is kept apart from publishing: analytics does not listen to replay requests
        subscribeRefused("analytics", channels.replayRequests());
        refused(analytics.value(String.class).set(channels.priceKey(Pair.of("EUR_USD")), "{}"));
        refused(analytics.value(String.class).setex(channels.correlationMatrixKey(), 60, "{}"));
        refused(correlation.key().del(channels.metricsKey(Pair.of("EUR_USD"))));
        // nor outside the run's prefix (the prefix's '*' is a literal, not a wildcard)
        refused(analytics.pubsub(String.class).publish("data_ready", "{}"));
        refused(analytics.pubsub(String.class).publish(channels.prefix().replace("*", "x") + "data_ready", "{}"));
        refused(analytics.execute("FLUSHALL"));
        refused(analytics.execute("KEYS", "*"));
        // ingest is not a consumer of data_ready
        subscribeRefused("ingest", channels.dataReady());
    }

    @Test
    void theDashboardMayNeitherPublishNorWrite() {
        ReactiveRedisDataSource dashboard = as("dashboard");
        for (String channel : List.of(channels.dataReady(), channels.priceUpdates(), channels.volatilityAlerts(),
                channels.correlationAlerts(), channels.systemAlerts(), channels.replayRequests())) {
            refused(dashboard.pubsub(String.class).publish(channel, "{}"));
        }
        refused(dashboard.value(String.class).set(channels.priceKey(Pair.of("EUR_USD")), "{}"));
        refused(dashboard.hash(String.class).hset(channels.metricsKey(Pair.of("EUR_USD")), Map.of("hv_20", "9")));
        refused(dashboard.key().del(channels.correlationMatrixKey()));
        refused(dashboard.execute("XADD", channels.alertStream(), "*", "type", "forged"));
        refused(dashboard.execute("INFO"));
    }

    @Test
    void withoutLoggingInOnlyPingAnswers() {
        ReactiveRedisDataSource nobody = as(null, null);
        assertThat(ok(nobody.execute("PING")).toString()).isEqualTo("PONG");
        refused(nobody.value(String.class).get(channels.priceKey(Pair.of("EUR_USD"))));
        refused(nobody.pubsub(String.class).publish(channels.dataReady(), CODEC.encode(CANDLES)));
        subscribeRefused("default", channels.dataReady());
        // a service's name with a wrong password does not get in at all
        assertThatThrownBy(() -> as("ingest", "wrong").execute("PING").await().atMost(WAIT))
                .hasMessageContaining("WRONGPASS");
    }
}
