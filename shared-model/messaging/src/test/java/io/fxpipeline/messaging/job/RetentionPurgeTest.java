package io.fxpipeline.messaging.job;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention skeleton against real PostgreSQL: old job runs go, recent ones stay, the purge itself is recorded. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class RetentionPurgeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RetentionPurge retention;

    @Inject
    JobRuns runs;

    @Inject
    Pool pool;

    @Inject
    ServiceConfig config;

    @Test
    void purgesJobRunsOlderThanTheRetentionAndRecordsItsRun() {
        Instant now = Instant.parse("2031-06-01T00:30:00Z");
        Instant old = now.minus(Duration.ofDays(config.retentionDays() + 1L));
        Instant recent = now.minus(Duration.ofDays(config.retentionDays() - 1L));
        long oldRun = runs.start("kit-old", old, JobRuns.Status.SUCCEEDED).await().atMost(WAIT);
        long recentRun = runs.start("kit-recent", recent, JobRuns.Status.SUCCEEDED).await().atMost(WAIT);

        JobRuns.Outcome outcome = retention.run(now).await().atMost(WAIT);

        assertThat(outcome.status()).isEqualTo(JobRuns.Status.SUCCEEDED);
        List<Long> left = pool.query("SELECT id FROM kit.job_runs").execute().await().atMost(WAIT)
                .stream().map(row -> row.getLong(0)).toList();
        assertThat(left).contains(recentRun).doesNotContain(oldRun);
        assertThat(runs.latest(RetentionPurge.NAME, 1).await().atMost(WAIT))
                .singleElement().satisfies(run -> assertThat(run.status()).isEqualTo("SUCCEEDED"));
    }
}
