package io.fxpipeline.analytics.rest;

import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 11's API reproductions over real HTTP: the write endpoint needs the admin token, a recompute already
 * running for a pair answers 409 instead of queuing another, and a client past its rate answers 429 with
 * Retry-After (test bounds: 40 requests a minute per client). Ordered: the rate limit is spent last.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(AdminGuardTest.WithToken.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminGuardTest {

    static final String TOKEN = "admin-token-for-tests-5d1e";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fx.guard.admin-token", TOKEN, "fx.guard.admin-open", "false", "fx.guard.rate-limit", "40",
                    "fx.guard.rate-limit-period", "60s");
        }
    }

    @Inject
    Pool pool;

    @Test
    @Order(1)
    void writesNeedTheAdminTokenReadsDoNot() {
        given().post("/admin/recompute/EUR_USD").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer not-the-token").post("/admin/recompute/EUR_USD").then().statusCode(401);
        given().header("Authorization", "Basic " + TOKEN).post("/admin/recompute/EUR_USD").then().statusCode(401);
        given().header("Authorization", "Bearer " + TOKEN).post("/admin/recompute/EUR_USD").then().statusCode(200)
                .body("pair", is("EUR_USD"));
        given().get("/metrics/EUR_USD").then().statusCode(200);
    }

    @Test
    @Order(2)
    void aRecomputeAlreadyRunningForThePairAnswers409() throws Exception {
        // two years of hours, so one recompute lasts long enough for the others to find it running
        pool.query("""
                INSERT INTO analytics.volatility_metrics (pair, granularity, time, open, high, low, close)
                SELECT 'AUD_USD', 'H1', t, 0.66 + 0.01 * sin(i), 0.67 + 0.01 * sin(i), 0.65 + 0.01 * sin(i), 0.66 + 0.01 * sin(i)
                FROM generate_series(0, 17519) AS i, LATERAL (SELECT timestamptz '2022-01-03' + i * interval '1 hour' AS t) x
                ON CONFLICT DO NOTHING""").execute().await().atMost(Duration.ofSeconds(30));
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> given().header("Authorization", "Bearer " + TOKEN)
                        .post("/admin/recompute/AUD_USD"), clients));
            }
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(Response::statusCode).toList();
            assertThat(statuses).containsOnly(200, 409).contains(200, 409);
        } finally {
            clients.shutdown();
        }
        given().header("Authorization", "Bearer " + TOKEN).post("/admin/recompute/AUD_USD").then().statusCode(200)
                .body("rows", is(17520));
    }

    @Test
    @Order(3)
    void aClientPastItsRateGets429WithRetryAfterWhileProbesStillAnswer() {
        Response limited = null;
        for (int i = 0; i < 41 && limited == null; i++) {
            Response r = given().get("/metrics/EUR_USD");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).as("a 429 within the 40-request budget").isNotNull();
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        given().get("/q/health/live").then().statusCode(200);
    }
}
