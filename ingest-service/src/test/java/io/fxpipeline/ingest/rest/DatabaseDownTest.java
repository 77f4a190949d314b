package io.fxpipeline.ingest.rest;

import io.fxpipeline.ingest.LogCapture;
import io.fxpipeline.messaging.guard.RepeatedLog;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 11: with PostgreSQL unreachable the read API answers 503 problem+json with Retry-After (it answered 500
 * text/plain), and the error id it shows is in the log. The database is made unreachable for this app alone (its
 * pool points at a port nothing listens on), so no other test sharing the server is disturbed.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(DatabaseDownTest.NoDatabase.class)
class DatabaseDownTest {

    public static class NoDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + closedPort() + "/fx",
                    "quarkus.flyway.migrate-at-start", "false", "quarkus.scheduler.enabled", "false",
                    "fx.replay.dir", "");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort(); // free once closed: connections to it are refused
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void readsAnswer503WithRetryAfterAndTheShownErrorIdIsLogged() {
        try (LogCapture logs = LogCapture.start()) {
            String detail = given().get("/candles/EUR_USD").then().statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", "5")
                    .body("status", is(503))
                    .extract().path("detail");
            Matcher id = Pattern.compile("error id ([0-9a-f-]{36})").matcher(detail);
            assertThat(id.find()).as(detail).isTrue();
            assertThat(logs.lines()).anyMatch(l -> l.contains(id.group(1)) && l.contains("unavailable"));
            given().get("/jobs").then().statusCode(503).header("Retry-After", "5");
        }
    }

    /** A mutable clock for {@link RepeatedLog}. */
    private static final class StepClock extends Clock {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aRepeatedFailureIsLoggedOncePerIntervalWithACount() {
        StepClock clock = new StepClock();
        RepeatedLog log = new RepeatedLog(Duration.ofMinutes(1), clock);
        try (LogCapture logs = LogCapture.start()) {
            for (int tick = 0; tick < 60; tick++) { // a minute of one-second ticks, 20 pairs failing alike
                for (int pair = 0; pair < 20; pair++) {
                    log.error("ConnectException: refused", "replay: storing pair " + pair + " failed");
                }
                clock.now = clock.now.plusSeconds(1);
            }
            log.error("ConnectException: refused", "replay: storing pair 0 failed");
            assertThat(logs.lines().stream().filter(l -> l.contains("replay: storing"))).hasSize(2);
            assertThat(logs.lines()).anyMatch(l -> l.contains("(and 1199 more like it in the last 60 s)"));
        }
    }
}
