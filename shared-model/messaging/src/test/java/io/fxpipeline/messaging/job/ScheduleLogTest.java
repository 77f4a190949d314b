package io.fxpipeline.messaging.job;

import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up logs each scheduled job with its next fire time: read from the application's own log file, as an operator
 * would, after a real start of the kit's test app with its daily retention scheduled at 00:30 UTC.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(ScheduleLogTest.LogToFile.class)
class ScheduleLogTest {

    /** A fixed name: the profile and the test see this class from two class loaders. */
    static final Path LOG = Path.of("target", "schedule-log-test.log").toAbsolutePath();

    /** The file log on, in a file of this run only (an earlier run's is deleted before the start). */
    public static class LogToFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.deleteIfExists(LOG);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString());
        }
    }

    @Test
    void startUpLogsTheRetentionWithItsNextRunAtTheNextHalfPastMidnight() throws IOException {
        List<String> lines = Files.readAllLines(LOG).stream().filter(l -> l.contains("job retention: next run")).toList();

        assertThat(lines).hasSize(1);
        Matcher m = Pattern.compile("job retention: next run (\\S+)").matcher(lines.get(0));
        assertThat(m.find()).isTrue();
        Instant next = Instant.parse(m.group(1));
        assertThat(next.toString()).endsWith("T00:30:00Z");
        // the next 00:30 UTC after the start: in the future of a start a minute ago, at most a day ahead
        assertThat(next).isAfter(Instant.now().minus(Duration.ofMinutes(1)))
                .isBefore(Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void aCleanStartLogsNoWarningOfQuarkusOwnMaking() throws IOException {
        // Quarkus 3.33 registers the Redis pool gauges twice; the kit quiets Micrometer's warning about it.
        assertThat(Files.readString(LOG)).contains("started in").doesNotContain("Gauge has been already registered");
    }
}
