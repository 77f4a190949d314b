package io.fxpipeline.ingest;

import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.ServiceChecks;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class ServiceBootTest {

    @Inject
    Pool pool;

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void readinessChecksPostgresAndRedis() {
        ServiceChecks.assertHealthy();
    }

    @Test
    void migrationsCreateTheOwnSchemaOnly() {
        assertThat(ServiceChecks.tablesOf(pool, "ingest")).contains("candles", "price_ticks", "market_sessions", "job_runs", "series_sequences");
        assertThat(ServiceChecks.tablesOf(pool, "analytics")).isEmpty();
        assertThat(ServiceChecks.tablesOf(pool, "correlation")).isEmpty();
    }

    @Test
    void prometheusAndOpenApiAreServed() {
        ServiceChecks.assertOperationsEndpoints();
    }

    @Test
    void aContractMessageTravelsThroughRealRedis() {
        ServiceChecks.assertPubSubRoundTrip(redis, redisHosts, prefix);
    }

    /** The dashboard's page (origin :8084) may read this API in the browser; other origins and writes may not. */
    @Test
    void corsAdmitsTheDashboardOriginOnlyAndOnlyForReading() {
        io.restassured.RestAssured.given().header("Origin", "http://localhost:8084")
                .header("Access-Control-Request-Method", "GET").options("/candles/EUR_USD")
                .then().header("Access-Control-Allow-Origin", "http://localhost:8084")
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("POST")));
        io.restassured.RestAssured.given().header("Origin", "http://localhost:8084").get("/candles/EUR_USD")
                .then().header("Access-Control-Allow-Origin", "http://localhost:8084");
        io.restassured.RestAssured.given().header("Origin", "https://elsewhere.example").get("/candles/EUR_USD")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }
}
