package io.fxpipeline.testing;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * What every service proves once it boots against real servers: ready (PostgreSQL and Redis checked), its own
 * schema migrated and no other, operations endpoints served, CORS for the dashboard's origin only, a contract message
 * through real Redis. A service's
 * test extends it with {@code @QuarkusTest @QuarkusTestResource(FxTestResource.class)} and names its tables.
 */
public abstract class ServiceBootTest {

    private static final List<String> SCHEMAS = List.of("ingest", "analytics", "correlation");

    @Inject
    Pool pool;

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final String schema;
    private final List<String> tables;

    /** @param schema the service's own schema; @param tables tables its migrations must create there */
    protected ServiceBootTest(String schema, String... tables) {
        this.schema = schema;
        this.tables = List.of(tables);
    }

    @Test
    void readinessChecksPostgresAndRedis() {
        ServiceChecks.assertHealthy();
    }

    @Test
    void migrationsCreateTheOwnSchemaOnly() {
        assertThat(ServiceChecks.tablesOf(pool, schema)).contains(tables.toArray(String[]::new));
        for (String other : SCHEMAS) {
            if (!other.equals(schema)) {
                assertThat(ServiceChecks.tablesOf(pool, other)).isEmpty();
            }
        }
    }

    @Test
    void prometheusAndOpenApiAreServed() {
        ServiceChecks.assertOperationsEndpoints();
    }

    /** The dashboard's page (origin :8084) may read the API in the browser; other origins and writes may not. */
    @Test
    void corsAdmitsTheDashboardOriginOnlyAndOnlyForReading() {
        given().header("Origin", "http://localhost:8084")
                .header("Access-Control-Request-Method", "GET").options("/cache/stats")
                .then().header("Access-Control-Allow-Origin", "http://localhost:8084")
                .header("Access-Control-Allow-Methods", not(containsString("POST")));
        given().header("Origin", "http://localhost:8084").get("/cache/stats")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:8084");
        given().header("Origin", "https://elsewhere.example").get("/cache/stats")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aContractMessageTravelsThroughRealRedis() {
        ServiceChecks.assertPubSubRoundTrip(redis, redisHosts, prefix);
    }
}
