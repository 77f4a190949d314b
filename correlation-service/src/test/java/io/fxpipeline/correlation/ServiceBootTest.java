package io.fxpipeline.correlation;

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
        assertThat(ServiceChecks.tablesOf(pool, "correlation")).contains("closes", "correlation_matrix", "best_pairs", "consumer_positions", "alert_states", "job_runs");
        assertThat(ServiceChecks.tablesOf(pool, "ingest")).isEmpty();
        assertThat(ServiceChecks.tablesOf(pool, "analytics")).isEmpty();
    }

    @Test
    void prometheusAndOpenApiAreServed() {
        ServiceChecks.assertOperationsEndpoints();
    }

    @Test
    void aContractMessageTravelsThroughRealRedis() {
        ServiceChecks.assertPubSubRoundTrip(redis, redisHosts, prefix);
    }
}
