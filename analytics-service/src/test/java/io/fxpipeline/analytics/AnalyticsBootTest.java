package io.fxpipeline.analytics;

import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.ServiceBootTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The analytics service boots ready against real servers, with its own schema only (checks in {@link ServiceBootTest}). */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class AnalyticsBootTest extends ServiceBootTest {

    AnalyticsBootTest() {
        super("analytics", "candles", "volatility_metrics", "consumer_positions", "alert_states", "job_runs");
    }

    /** The dashboard's page (origin :8084) may read this API in the browser; other origins and writes may not. */
    @Test
    void corsAdmitsTheDashboardOriginOnlyAndOnlyForReading() {
        given().header("Origin", "http://localhost:8084")
                .header("Access-Control-Request-Method", "GET").options("/metrics/EUR_USD/latest")
                .then().header("Access-Control-Allow-Origin", "http://localhost:8084")
                .header("Access-Control-Allow-Methods", not(containsString("POST")));
        given().header("Origin", "http://localhost:8084").get("/metrics/EUR_USD/latest")
                .then().header("Access-Control-Allow-Origin", "http://localhost:8084");
        given().header("Origin", "https://elsewhere.example").get("/metrics/EUR_USD/latest")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
