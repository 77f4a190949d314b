package io.fxpipeline.dashboard.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.fxpipeline.dashboard.Messages;
import io.fxpipeline.dashboard.RedisTestResource;
import io.fxpipeline.dashboard.StreamTestClient;
import io.fxpipeline.dashboard.snapshot.SnapshotReader;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.SystemAlert;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stream against the running service and real Redis, with real WebSocket clients. */
@QuarkusTest
@TestProfile(StreamLimitsProfile.class)
@QuarkusTestResource(RedisTestResource.class)
class StreamTest {

    @TestHTTPResource("/")
    URL url;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @Inject
    RedisDataSource redis;

    private Channels channels() {
        return new Channels(prefix);
    }

    private void publish(String channel, String payload) {
        redis.pubsub(String.class).publish(channel, payload);
    }

    @Test
    void forwardsExactlyWhatWasPublishedFilteredByChannelAndPair() throws Exception {
        try (StreamTestClient eurOnly = StreamTestClient.connect(url.getPort());
             StreamTestClient everything = StreamTestClient.connect(url.getPort())) {
            eurOnly.subscribeAndWait("\"metrics\",\"volatility_alerts\",\"correlation_alerts\"", "\"EUR_USD\"");
            everything.subscribeAndWait("\"metrics\",\"volatility_alerts\",\"correlation_alerts\",\"prices\"", null);

            List<String> published = List.of(
                    Messages.metrics("EUR_USD", 1.0852), Messages.metrics("GBP_USD", 1.2741),
                    Messages.volatilityAlert("GBP_USD", 0.17), Messages.volatilityAlert("EUR_USD", 0.14),
                    Messages.correlationAlert("EUR_USD", "USD_CHF", -0.78), Messages.correlationAlert("AUD_USD", "NZD_USD", 0.91),
                    Messages.price("EUR_USD", "1.08510", "1.08523"));
            publish(channels().dataReady(), published.get(0));
            publish(channels().dataReady(), published.get(1));
            publish(channels().volatilityAlerts(), published.get(2));
            publish(channels().volatilityAlerts(), published.get(3));
            publish(channels().correlationAlerts(), published.get(4));
            publish(channels().correlationAlerts(), published.get(5));
            publish(channels().priceUpdates(), published.get(6));

            await().atMost(Duration.ofSeconds(5)).until(() -> everything.messages().size() == 7);
            assertThat(everything.messages()).containsExactlyElementsOf(published);
            // the filtered client saw everything by now too: same service, same fan-out pass
            await().atMost(Duration.ofSeconds(5)).until(() -> eurOnly.messages().size() >= 3);
            assertThat(eurOnly.messages()).containsExactly(published.get(0), published.get(3), published.get(4));
        }
    }

    @Test
    void subscribeStartsWithASnapshotOfTheCacheMarkedAsSuch() throws Exception {
        Channels c = channels();
        redis.hash(String.class).hset(c.metricsKey(Pair.of("USD_JPY")), Map.of("time", "2025-01-20T10:00:00Z",
                "close", "156.123", "hv_20", "0.0912", "bb_upper", "156.9", "bb_middle", "156.2", "bb_lower", "155.5",
                "atr_14", "0.21"));
        String price = Messages.price("USD_JPY", "156.120", "156.134");
        redis.value(String.class).set(c.priceKey(Pair.of("USD_JPY")), price);
        redis.value(String.class).set(c.correlationMatrixKey(), "{\"as_of\":\"2025-01-20T00:00:00Z\",\"window\":100,"
                + "\"pairs\":[\"EUR_USD\",\"USD_CHF\"],\"matrix\":[[1.0,-0.74],[-0.74,1.0]],\"observations\":[[99,99],[99,99]]}");
        redis.value(String.class).set(c.bestPairsKey(), "[{\"rank\":1,\"pair_a\":\"EUR_USD\",\"pair_b\":\"USD_CHF\","
                + "\"correlation\":-0.74,\"category\":\"highly_correlated\",\"observations\":99,\"reason\":\"hedge\"}]");
        try (StreamTestClient client = StreamTestClient.connect(url.getPort())) {
            client.subscribe("\"metrics\",\"prices\",\"correlation\"", "\"USD_JPY\"");

            JsonNode metrics = client.awaitFrame(f -> "metrics".equals(f.path("type").asText()));
            assertThat(metrics.path("snapshot").asBoolean()).isTrue();
            assertThat(metrics.path("v").asInt()).isEqualTo(1);
            assertThat(metrics.path("pair").asText()).isEqualTo("USD_JPY");
            JsonNode row = metrics.path("metrics").get(0);
            assertThat(row.path("close").asDouble()).isEqualTo(156.123);
            assertThat(row.path("hv_20").asDouble()).isEqualTo(0.0912);
            assertThat(row.path("hv_50").isNull()).isTrue();
            assertThat(row.path("atr_14").asDouble()).isEqualTo(0.21);

            JsonNode priceFrame = client.awaitFrame(f -> "price".equals(f.path("type").asText()));
            assertThat(priceFrame.path("snapshot").asBoolean()).isTrue();
            assertThat(priceFrame.path("bid").asText()).isEqualTo("156.120");

            JsonNode matrix = client.awaitFrame(f -> "correlation_matrix".equals(f.path("type").asText()));
            assertThat(matrix.path("snapshot").asBoolean()).isTrue();
            assertThat(matrix.path("matrix").get(0).get(1).asDouble()).isEqualTo(-0.74);
            JsonNode best = client.awaitFrame(f -> "best_pairs".equals(f.path("type").asText()));
            assertThat(best.path("best_pairs").get(0).path("pair_b").asText()).isEqualTo("USD_CHF");
            // only the pair asked for
            assertThat(client.count(f -> "metrics".equals(f.path("type").asText()))).isEqualTo(1);
        }
    }

    @Test
    void subscribingToAlertsStartsWithTheRecentOnesFromTheAlertsStreamOldestFirst() throws Exception {
        String stream = channels().alertStream();
        String older = Messages.volatilityAlert("EUR_USD", 0.16);
        String other = Messages.volatilityAlert("GBP_USD", 0.15);
        String correlation = Messages.correlationAlert("EUR_USD", "USD_CHF", -0.82);
        String newer = Messages.volatilityAlert("EUR_USD", 0.18);
        try {
            xadd(stream, "volatility_alert", older);
            xadd(stream, "volatility_alert", other);
            xadd(stream, "correlation_alert", correlation);
            xadd(stream, "volatility_alert", "{\"v\":1,\"type\":\"volatility_alert\",\"pair\":\"EUR_USD\"}");
            xadd(stream, "volatility_alert", newer);
            try (StreamTestClient client = StreamTestClient.connect(url.getPort())) {
                client.subscribe("\"volatility_alerts\"", "\"EUR_USD\"");
                await().atMost(Duration.ofSeconds(5)).until(() -> client.count(f -> f.path("snapshot").asBoolean()) >= 2);
                // only the channel and the pair asked for, oldest first, each as published plus "snapshot":true;
                // the malformed entry is left out and counted
                assertThat(client.frames().stream().filter(f -> f.contains("\"snapshot\":true")).toList())
                        .containsExactly(SnapshotReader.markSnapshot(older), SnapshotReader.markSnapshot(newer));
                // then live alerts as they are published, unmarked
                String live = Messages.volatilityAlert("EUR_USD", 0.2);
                publish(channels().volatilityAlerts(), live);
                await().atMost(Duration.ofSeconds(5)).until(() -> client.messages().contains(live));
            }
            try (StreamTestClient client = StreamTestClient.connect(url.getPort())) {
                client.subscribe("\"correlation_alerts\"", "\"USD_CHF\"");
                JsonNode frame = client.awaitFrame(f -> f.path("snapshot").asBoolean());
                assertThat(frame.path("type").asText()).isEqualTo("correlation_alert");
                assertThat(frame.path("pair_b").asText()).isEqualTo("USD_CHF");
            }
            assertThat(RestAssured.get("/q/metrics").asString()).containsPattern(
                    "fx_dashboard_messages_rejected_total\\{channel=\"" + stream + "\"} [1-9]");
        } finally {
            redis.key().del(stream);
        }
    }

    private void xadd(String stream, String type, String message) {
        redis.stream(String.class).xadd(stream, Map.of("type", type, "message", message));
    }

    @Test
    void aCrowdSubscribingAtOnceEachGetsTheSnapshot() throws Exception {
        Channels c = channels();
        for (Pair pair : List.of(Pair.of("EUR_USD"), Pair.of("GBP_USD"), Pair.of("AUD_JPY"))) {
            redis.hash(String.class).hset(c.metricsKey(pair), Map.of("time", "2025-01-20T10:00:00Z", "close", "1.25",
                    "hv_20", "0.0912", "atr_14", "0.0021"));
        }
        List<StreamTestClient> crowd = new ArrayList<>();
        try {
            for (int i = 0; i < 120; i++) {
                crowd.add(StreamTestClient.connect(url.getPort()));
            }
            // every subscribe arrives within a few milliseconds: 120 x 20 cache reads at once would overrun the Redis
            // client's wait queue; shared reads answer them all
            crowd.forEach(client -> client.subscribe("\"metrics\"", null));
            for (StreamTestClient client : crowd) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.json().stream()
                        .filter(f -> f.path("snapshot").asBoolean()).map(f -> f.path("pair").asText()))
                        .contains("EUR_USD", "GBP_USD", "AUD_JPY").doesNotHaveDuplicates());
            }
        } finally {
            for (StreamTestClient client : crowd) {
                client.close();
            }
        }
    }

    @Test
    void afterUnsubscribeAChannelIsNoLongerStreamed() throws Exception {
        try (StreamTestClient client = StreamTestClient.connect(url.getPort())) {
            client.subscribeAndWait("\"metrics\",\"volatility_alerts\"", null);
            client.send("{\"op\":\"unsubscribe\",\"channels\":[\"metrics\"]}");
            JsonNode ack = client.awaitFrame(f -> "unsubscribed".equals(f.path("op").asText()));
            assertThat(ack.path("channels").toString()).isEqualTo("[\"volatility_alerts\"]");

            publish(channels().dataReady(), Messages.metrics("EUR_USD", 1.0852));
            String alert = Messages.volatilityAlert("EUR_USD", 0.16);
            publish(channels().volatilityAlerts(), alert);
            // the alert was published after the metrics: once it is here, the metrics would have been too
            await().atMost(Duration.ofSeconds(5)).until(() -> client.messages().contains(alert));
            assertThat(client.messages()).containsExactly(alert);
        }
    }

    @Test
    void badFramesGetAnErrorFrameNamingTheProblemAndAreCounted() throws Exception {
        try (StreamTestClient client = StreamTestClient.connect(url.getPort())) {
            List<String[]> cases = List.of(
                    new String[] {"{not json", "not_json", "not valid JSON"},
                    new String[] {"{\"op\":\"dance\"}", "unknown_op", "unknown op 'dance'"},
                    new String[] {"{\"op\":\"subscribe\",\"channels\":[\"gossip\"]}", "unknown_channel", "unknown channel 'gossip'"},
                    new String[] {"{\"op\":\"subscribe\",\"channels\":[\"metrics\"],\"pairs\":[\"XAU_USD\"]}", "unknown_pair",
                            "XAU_USD is not tracked"},
                    new String[] {"{\"op\":\"subscribe\",\"channels\":[\"metrics\"],\"pad\":\"" + "x".repeat(17 * 1024) + "\"}",
                            "oversized", "exceeds the limit of 16384"});
            for (String[] c : cases) {
                client.send(c[0]);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> client.count(f -> "error".equals(f.path("op").asText())) == 5);
            List<JsonNode> errors = client.json().stream().filter(f -> "error".equals(f.path("op").asText())).toList();
            for (int i = 0; i < cases.size(); i++) {
                assertThat(errors.get(i).path("error").asText()).isEqualTo(cases.get(i)[1]);
                assertThat(errors.get(i).path("message").asText()).contains(cases.get(i)[2]);
            }
            // the connection stays usable
            client.send("{\"op\":\"ping\"}");
            client.awaitFrame(f -> "pong".equals(f.path("op").asText()));
        }
        String metrics = RestAssured.get("/q/metrics").asString();
        for (String reason : List.of("not_json", "unknown_op", "unknown_channel", "unknown_pair", "oversized")) {
            assertThat(metrics).containsPattern("fx_dashboard_frames_bad_total\\{reason=\"" + reason + "\"} [1-9]");
        }
    }

    @Test
    void aClientSendingTooManyOpsIsThrottledThenClosed() throws Exception {
        try (StreamTestClient client = StreamTestClient.connect(url.getPort())) {
            for (int i = 0; i < 40; i++) {
                client.send("{\"op\":\"ping\"}");
            }
            await().atMost(Duration.ofSeconds(5)).until(client::closed);
            assertThat(client.closeCode()).isEqualTo((short) 1008);
            assertThat(client.closeReason()).isEqualTo("too many ops: more than 20 in a second");
            assertThat(client.count(f -> "rate_limited".equals(f.path("error").asText()))).isPositive();
            assertThat(client.count(f -> "pong".equals(f.path("op").asText()))).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void aSlowClientIsDroppedWithoutDelayingAFastOne() throws Exception {
        try (StreamTestClient slow = StreamTestClient.connect(url.getPort());
             StreamTestClient fast = StreamTestClient.connect(url.getPort())) {
            slow.subscribeAndWait("\"candles\"", null);
            fast.subscribeAndWait("\"candles\"", null);
            slow.pause(); // stops reading: the kernel buffers fill, then its queue of 16 overflows
            double closedBefore = closedSlow();
            List<String> published = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // publish until the service gives up on the slow client (its queue overflowing for over 1 s)
            while (closedSlow() == closedBefore && System.nanoTime() < deadline) {
                String message = Messages.candles("EUR_USD", published.size() + 1, 500);
                publish(channels().dataReady(), message);
                published.add(message);
            }
            assertThat(closedSlow()).as("the slow client was closed").isGreaterThan(closedBefore);
            await().atMost(Duration.ofSeconds(20)).until(() -> fast.messages().size() == published.size());
            assertThat(fast.messages()).containsExactlyElementsOf(published);
            assertThat(droppedTotal()).isPositive();

            slow.resume(); // reads what its kernel buffers held, then the close frame with the reason
            await().atMost(Duration.ofSeconds(30)).until(slow::closed);
            assertThat(slow.closeCode()).isEqualTo((short) 1008);
            assertThat(slow.closeReason()).startsWith("too slow: ").contains("messages dropped");
            assertThat(slow.messages().size()).isLessThan(published.size());
        }
    }

    @Test
    void malformedChannelMessagesAreNotForwardedButCountedAndSystemAlertsPassAsPublished() throws Exception {
        try (StreamTestClient client = StreamTestClient.connect(url.getPort())) {
            client.subscribeAndWait("\"volatility_alerts\",\"system\"", null);
            publish(channels().volatilityAlerts(), "{\"v\":1,\"type\":\"volatility_alert\",\"pair\":\"EUR_USD\"}");
            publish(channels().volatilityAlerts(), Messages.price("EUR_USD", "1.08510", "1.08523"));
            publish(prefix + "system_alerts", "job failed, not JSON");
            publish(prefix + "system_alerts", "{\"v\":1,\"type\":\"job_failed\",\"ts\":\"2025-01-20T10:00:05Z\"}");
            String system = Messages.systemAlert(SystemAlert.Kind.JOB_FAILED, "hourly-candles", "OANDA answered 503");
            publish(channels().systemAlerts(), system);
            String alert = Messages.volatilityAlert("EUR_USD", 0.16);
            publish(channels().volatilityAlerts(), alert);
            await().atMost(Duration.ofSeconds(5)).until(() -> client.messages().size() >= 2);
            assertThat(client.messages()).containsExactlyInAnyOrder(system, alert);
        }
        String metrics = RestAssured.get("/q/metrics").asString();
        assertThat(metrics).containsPattern("fx_dashboard_messages_rejected_total\\{channel=\"" + prefix
                + "volatility_alerts\"} 2");
        assertThat(metrics).containsPattern("fx_dashboard_messages_rejected_total\\{channel=\"" + prefix
                + "system_alerts\"} 2");
    }

    @Test
    void aPlainGetOfTheStreamSaysItIsAWebSocketWhileUpgradesStillConnect() throws Exception {
        RestAssured.get("/stream").then().statusCode(426)
                .header("Upgrade", "websocket")
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.is(426))
                .body("title", org.hamcrest.Matchers.is("Upgrade Required"))
                .body("detail", org.hamcrest.Matchers.startsWith("GET /stream is a WebSocket endpoint"));
        try (StreamTestClient client = StreamTestClient.connect(url.getPort())) {
            client.subscribeAndWait("\"metrics\"", "\"EUR_USD\"");
        }
    }

    @Test
    void readinessChecksTheRedisSubscriptions() {
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'subscriptions' }.status", org.hamcrest.Matchers.is("UP"))
                .body("checks.find { it.name == 'subscriptions' }.data.size()", org.hamcrest.Matchers.is(5))
                .body("checks.find { it.name == 'subscriptions' }.data.'" + prefix + "data_ready'",
                        org.hamcrest.Matchers.is("subscribed"))
                .body("checks.find { it.name == 'subscriptions' }.data.'" + prefix + "system_alerts'",
                        org.hamcrest.Matchers.is("subscribed"));
    }

    private static double closedSlow() {
        return metric("fx_dashboard_clients_closed_slow_total");
    }

    private static double droppedTotal() {
        return metric("fx_dashboard_messages_dropped_total");
    }

    private static double metric(String name) {
        for (String line : RestAssured.get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
