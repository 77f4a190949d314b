package io.fxpipeline.analytics.alert;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.testing.AdminRedis;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.OwnRedisUserProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.redis.client.Command;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * A volatility alert decided while Redis refuses analytics' publishes is not lost: it stays stored and unannounced,
 * and goes out on volatility_alerts, as decided, once Redis takes it again. Redis refuses through the service's own
 * ACL user losing PUBLISH; the candles still arrive (subscribing is not publishing).
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OwnRedisUserProfile.class)
class AlertRedeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pair PAIR = Pair.of("GBP_JPY");

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
    void anAlertDecidedWhileRedisRefusesGoesOutWhenItTakesItAgain() {
        Channels channels = new Channels(prefix);
        List<Candle> candles = DurableAlertTest.wild(40);
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(AdminRedis.url(), channels.volatilityAlerts())) {
            OwnRedisUserProfile.USER.deny("publish");
            AdminRedis.send(Command.PUBLISH, channels.dataReady(),
                    codec.encode(CandlesReady.live(Instant.now(), PAIR, Granularity.H1, 1, candles)));
            await().atMost(WAIT).until(() -> unannounced().size() == 1);
            VolatilityAlert stored = unannounced().get(0);
            assertThat(stored.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(stored.time()).isEqualTo(candles.get(candles.size() - 1).time());
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> unannounced().size() == 1 && recorder.payloads(channels.volatilityAlerts()).isEmpty());

            await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("fx_alerts_unannounced{kind=\"stored\"} 1.0")));
            OwnRedisUserProfile.USER.allow("publish");
            await().atMost(WAIT).until(() -> recorder.payloads(channels.volatilityAlerts()).size() == 1);
            VolatilityAlert heard = codec.decode(recorder.payloads(channels.volatilityAlerts()).get(0), VolatilityAlert.class);
            assertThat(heard).isEqualTo(stored);
            // marked announced after the publish returns: the subscriber may hear it first
            await().atMost(WAIT).until(() -> unannounced().isEmpty());
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("fx_analytics_alerts_redelivered_total 1.0"))
                    .body(containsString("fx_alerts_unannounced{kind=\"stored\"} 0.0"));
        }
    }

    private List<VolatilityAlert> unannounced() {
        List<VolatilityAlert> alerts = new ArrayList<>();
        for (Row r : pool.query("SELECT ts, pair, volatility, threshold, severity, time FROM analytics.volatility_alerts"
                + " WHERE announced_at IS NULL ORDER BY id").execute().await().atMost(WAIT)) {
            alerts.add(new VolatilityAlert(r.getOffsetDateTime(0).toInstant(), Pair.of(r.getString(1)), Granularity.H1,
                    r.getDouble(2), r.getDouble(3), Severity.valueOf(r.getString(4)), r.getOffsetDateTime(5).toInstant()));
        }
        return alerts;
    }
}
