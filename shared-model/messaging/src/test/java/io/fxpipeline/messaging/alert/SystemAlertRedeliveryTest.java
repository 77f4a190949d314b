package io.fxpipeline.messaging.alert;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.testing.AdminRedis;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.OwnRedisUserProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * A system alert Redis does not take (here: the service's own ACL user without PUBLISH; in life Redis down, often the
 * very problem announced) is not lost: it waits, with the ones after it, and they go out in order, as decided, once
 * Redis takes them again.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OwnRedisUserProfile.class)
class SystemAlertRedeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    SystemAlerts alerts;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @AfterAll
    static void deleteUser() {
        OwnRedisUserProfile.USER.delete();
    }

    @Test
    void alertsRedisRefusedGoOutInOrderWhenItTakesThemAgain() {
        String channel = new Channels(prefix).systemAlerts();
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(AdminRedis.url(), channel)) {
            OwnRedisUserProfile.USER.deny("publish");
            Instant decided = Instant.now();
            // the caller is never failed: the job that signals goes on
            alerts.changed(SystemAlert.Kind.JOB_FAILED, "kit-job", "boom").await().atMost(WAIT);
            alerts.changed(SystemAlert.Kind.JOB_RECOVERED, "kit-job", "SUCCEEDED").await().atMost(WAIT);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> recorder.payloads(channel).isEmpty());
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("fx_alerts_unannounced{kind=\"system\"} 2.0"));

            OwnRedisUserProfile.USER.allow("publish");
            await().atMost(WAIT).until(() -> recorder.payloads(channel).size() == 2);
            List<SystemAlert> heard = recorder.decoded(channel, SystemAlert.class);
            assertThat(heard).extracting(SystemAlert::kind)
                    .containsExactly(SystemAlert.Kind.JOB_FAILED, SystemAlert.Kind.JOB_RECOVERED);
            assertThat(heard).extracting(SystemAlert::subject).containsOnly("kit-job");
            assertThat(heard.get(0).message()).isEqualTo("boom");
            // as decided, before PUBLISH was given back
            assertThat(heard.get(1).ts()).isBetween(decided, decided.plusSeconds(3));
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("fx_alerts_unannounced{kind=\"system\"} 0.0"));
        }
    }
}
