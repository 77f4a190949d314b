package io.fxpipeline.deploy;

import io.fxpipeline.testing.RealServers;
import io.fxpipeline.testing.ServerAddress;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's store defaults (PostgreSQL, Flyway) reach only the services with a datasource: the database-less
 * dashboard jar starts, becomes ready and logs no "Unrecognized configuration key" warning.
 */
class KitDefaultsTest {

    @Test
    void theDashboardStartsWithoutTheStoreKeys() throws Exception {
        Path logs = Files.createDirectories(Path.of("target/kit-defaults-logs/" + System.nanoTime()));
        ServerAddress redis = RealServers.redis();
        try (ServiceProcess dashboard = new ServiceProcess("dashboard-service", Map.of("REDIS_HOST", redis.host(),
                "REDIS_PORT", String.valueOf(redis.port()), "FX_PREFIX", "kitdefaults" + System.nanoTime() + ":"), logs)) {
            dashboard.start().awaitReady(Duration.ofMinutes(3));
        }
        String log = Files.readString(logs.resolve("dashboard-service.log"));
        assertThat(log).as("the dashboard's start-up log").contains("dashboard-service")
                .doesNotContain("Unrecognized configuration key").doesNotContain("quarkus.datasource")
                .doesNotContain("quarkus.flyway");
    }
}
