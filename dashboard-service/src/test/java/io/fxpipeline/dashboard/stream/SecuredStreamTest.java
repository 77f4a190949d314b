package io.fxpipeline.dashboard.stream;

import io.fxpipeline.dashboard.RedisTestResource;
import io.fxpipeline.dashboard.StreamTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.http.UpgradeRejectedException;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** DASHBOARD_TOKEN and DASHBOARD_MAX_CLIENTS against the running service. */
@QuarkusTest
@TestProfile(SecuredStreamTest.Secured.class)
@QuarkusTestResource(RedisTestResource.class)
class SecuredStreamTest {

    static final String TOKEN = "s3cret-token-of-the-test-run";

    public static class Secured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fx.stream.token", TOKEN, "fx.stream.max-clients", "2");
        }
    }

    @TestHTTPResource("/")
    URL url;

    @Test
    void theStreamNeedsTheTokenAsBearerOrQueryParameter() throws Exception {
        for (Map.Entry<String, Map<String, String>> refused : Map.of(
                "", Map.<String, String>of(),
                "token=wrong-token-of-the-same-size", Map.<String, String>of(),
                "x=1", Map.of("Authorization", "Bearer not-the-token")).entrySet()) {
            assertThatThrownBy(() -> StreamTestClient.connect(url.getPort(), refused.getKey(), refused.getValue()))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(UpgradeRejectedException.class)
                    .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(401));
        }
        try (StreamTestClient byQuery = StreamTestClient.connect(url.getPort(), "token=" + TOKEN, Map.of())) {
            byQuery.send("{\"op\":\"ping\"}");
            byQuery.awaitFrame(f -> "pong".equals(f.path("op").asText()));
        }
        try (StreamTestClient byHeader = StreamTestClient.connect(url.getPort(), null,
                Map.of("Authorization", "Bearer " + TOKEN))) {
            byHeader.send("{\"op\":\"ping\"}");
            byHeader.awaitFrame(f -> "pong".equals(f.path("op").asText()));
        }
        RestAssured.get("/q/metrics").then().body(containsString("fx_dashboard_clients_refused_total{reason=\"token\"}"));
        // the token never reaches the logs or metrics
        RestAssured.get("/q/metrics").then().body(not(containsString(TOKEN)));
    }

    @Test
    void thePageNeedsTheTokenButItsScriptsDoNot() {
        RestAssured.get("/").then().statusCode(401).body(containsString("/?token="));
        RestAssured.get("/?token=" + TOKEN).then().statusCode(200).body(containsString("<table id=\"pair-table\">"));
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).get("/index.html").then().statusCode(200);
        RestAssured.get("/js/app.js").then().statusCode(200);
    }

    @Test
    void connectionsPastTheLimitAreRefusedWithAReason() throws Exception {
        // connections of the other tests are gone first (the server counts a client until it saw its close)
        await().atMost(Duration.ofSeconds(20)).until(() -> RestAssured.get("/q/metrics").asString()
                .contains("fx_dashboard_clients 0.0"));
        try (StreamTestClient first = StreamTestClient.connect(url.getPort(), "token=" + TOKEN, Map.of());
             StreamTestClient second = StreamTestClient.connect(url.getPort(), "token=" + TOKEN, Map.of());
             // the server admits a client in its open callback, which can run after the client's handshake completed:
             // the third connects once both others are counted, or the refusal could fall on the second
             StreamTestClient third = connectWhenCounted(2)) {
            await().atMost(Duration.ofSeconds(15)).until(third::closed);
            assertThat(third.closeCode()).isEqualTo((short) 1013);
            assertThat(third.closeReason()).isEqualTo("too many clients: the limit is 2");
            first.send("{\"op\":\"ping\"}");
            first.awaitFrame(f -> "pong".equals(f.path("op").asText()));
            assertThat(second.closed()).isFalse();
        }
        RestAssured.get("/q/metrics").then().body(containsString("fx_dashboard_clients_refused_total{reason=\"full\"}"));
    }

    private StreamTestClient connectWhenCounted(int clients) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> RestAssured.get("/q/metrics").asString()
                .contains("fx_dashboard_clients " + clients + ".0"));
        return StreamTestClient.connect(url.getPort(), "token=" + TOKEN, Map.of());
    }
}
