package io.fxpipeline.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asking a jar or one of its commands for its usage needs neither PostgreSQL nor Redis: both point at a port where
 * nothing listens, and the usage comes out alone, without a stack trace or start-up warnings.
 */
class CommandHelpTest {

    @Test
    void helpAnswersWithNothingRunning() throws Exception {
        Path logs = Files.createDirectories(Path.of("target/command-help-logs"));
        String nothing = String.valueOf(ServiceProcess.freePort());
        Map<String, String> env = Map.of("DB_HOST", "127.0.0.1", "DB_PORT", nothing, "REDIS_HOST", "127.0.0.1",
                "REDIS_PORT", nothing);

        ServiceProcess.Result backfill = ServiceProcess.run("ingest-service", env, logs, "backfill", "--help");
        assertThat(backfill.exitCode()).as(backfill.output()).isZero();
        assertThat(backfill.output()).startsWith("Usage: ingest-service backfill").contains("--days=<days>")
                .doesNotContain("WARN").doesNotContain("ERROR").doesNotContain("Exception");

        ServiceProcess.Result correlation = ServiceProcess.run("correlation-service", env, logs, "--help");
        assertThat(correlation.exitCode()).as(correlation.output()).isZero();
        assertThat(correlation.output()).startsWith("Usage: correlation-service").contains("history", "purge")
                .doesNotContain("WARN").doesNotContain("ERROR").doesNotContain("Exception");
    }
}
