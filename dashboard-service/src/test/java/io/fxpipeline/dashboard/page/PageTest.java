package io.fxpipeline.dashboard.page;

import io.fxpipeline.dashboard.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** The page and everything it loads come from the service itself, the chart library from its webjar. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class PageTest {

    @Test
    void servesThePageItsModulesAndTheChartLibrary() {
        RestAssured.get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"js/app.js\"></script>"));
        for (String module : new String[] {"app", "stream", "pairs", "heatmap", "best-pairs", "alerts", "pair-chart", "format"}) {
            RestAssured.get("/js/" + module + ".js").then().statusCode(200)
                    .contentType(containsString("javascript"));
        }
        RestAssured.get("/dashboard.css").then().statusCode(200);
        RestAssured.get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").then().statusCode(200)
                .body(containsString("echarts"));
    }

    @Test
    void tellsThePageTheTrackedPairsAndWhereTheHistoryApisAre() {
        RestAssured.get("/page-settings").then().statusCode(200)
                .body("pairs", hasSize(20)).body("pairs", hasItems("EUR_USD", "NZD_JPY"))
                .body("granularity", is("H1"))
                .body("ingest_url", is("http://localhost:8081"))
                .body("analytics_url", is("http://localhost:8082"))
                .body("correlation_url", is("http://localhost:8083"))
                .body("history_hours", is(72))
                .body("feed", is("replay")); // FX_FEED unset: ingest's default, so the header says "replay"
    }

    @Test
    void operationsEndpoints() {
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("subscriptions", "Redis connection health check"));
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("fx_dashboard_clients"));
        RestAssured.get("/q/openapi").then().statusCode(200).body(containsString("/page-settings"));
    }
}
