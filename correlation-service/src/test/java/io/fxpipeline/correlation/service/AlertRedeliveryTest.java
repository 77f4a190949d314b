package io.fxpipeline.correlation.service;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.CorrelationAlert;
import io.fxpipeline.testing.AdminRedis;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.OwnRedisUserProfile;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Alerts a run decides while Redis refuses the service are not lost: they stay stored and unannounced, and go out on
 * correlation_alerts and the alerts stream, as decided, once Redis takes them again. Redis refuses through the
 * service's own ACL user losing PUBLISH, so no other client of the server is touched.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OwnRedisUserProfile.class)
class AlertRedeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    private final MessageCodec codec = new MessageCodec();

    @AfterAll
    static void deleteUser() {
        OwnRedisUserProfile.USER.delete();
    }

    @Test
    void alertsDecidedWhileRedisRefusesGoOutWhenItTakesThemAgain() {
        Channels channels = new Channels(prefix);
        Map<Pair, List<Candle>> market = CorrelationRunTest.market(120);
        market.forEach((pair, candles) -> redis.pubsub(String.class).publish(channels.dataReady(),
                codec.encode(CandlesReady.live(java.time.Instant.now(), pair, Granularity.H1, 1, candles))).await().atMost(WAIT));
        await().atMost(WAIT).until(() -> market.keySet().stream().allMatch(p -> closes(p) == 120));

        try (ChannelRecorder recorder = ChannelRecorder.subscribe(AdminRedis.url(), channels.correlationAlerts())) {
            OwnRedisUserProfile.USER.deny("publish");
            given().post("/correlation/run").then().statusCode(200).body("with_value", is(3)).body("alerts", is(1));
            List<CorrelationAlert> stored = unannounced();
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).pairA()).isEqualTo(Pair.of("EUR_GBP"));
            assertThat(stored.get(0).pairB()).isEqualTo(Pair.of("GBP_CHF"));
            // tried every second past its 2 s, refused each time: still stored, still not out
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> unannounced().size() == 1 && recorder.payloads(channels.correlationAlerts()).isEmpty());
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("fx_correlation_publish_failed_total{channel=\"" + channels.dataReady() + "\"}"));

            await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("fx_alerts_unannounced{kind=\"stored\"} 1.0")));
            OwnRedisUserProfile.USER.allow("publish");
            await().atMost(WAIT).until(() -> recorder.payloads(channels.correlationAlerts()).size() == 1);
            CorrelationAlert heard = codec.decode(recorder.payloads(channels.correlationAlerts()).get(0), CorrelationAlert.class);
            // as decided: the same pairs, r and as-of, and the time it was decided (PostgreSQL keeps microseconds)
            assertThat(heard).isEqualTo(stored.get(0));
            assertThat(unannounced()).isEmpty();

            List<StreamMessage<String, String, String>> entries = redis.stream(String.class, String.class, String.class)
                    .xread(channels.alertStream(), "0").await().atMost(WAIT);
            assertThat(entries).hasSize(1);
            assertThat(codec.decode(entries.get(0).payload().get("message"), CorrelationAlert.class)).isEqualTo(heard);
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("fx_correlation_alerts_redelivered_total 1.0"))
                    .body(containsString("fx_alerts_unannounced{kind=\"stored\"} 0.0"));
            // sent once: the next passes find nothing left to send
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> recorder.payloads(channels.correlationAlerts()).size() == 1);
        }
    }

    private long closes(Pair pair) {
        return pool.preparedQuery("SELECT count(*) FROM correlation.closes WHERE pair = $1")
                .execute(Tuple.of(pair.name())).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private List<CorrelationAlert> unannounced() {
        List<CorrelationAlert> alerts = new ArrayList<>();
        for (Row r : pool.query("SELECT ts, pair_a, pair_b, correlation, threshold, severity, as_of FROM"
                + " correlation.correlation_alerts WHERE announced_at IS NULL ORDER BY id").execute().await().atMost(WAIT)) {
            alerts.add(new CorrelationAlert(r.getOffsetDateTime(0).toInstant(), Pair.of(r.getString(1)),
                    Pair.of(r.getString(2)), r.getDouble(3), r.getDouble(4),
                    io.fxpipeline.model.Severity.valueOf(r.getString(5)), r.getOffsetDateTime(6).toInstant()));
        }
        return alerts;
    }
}
