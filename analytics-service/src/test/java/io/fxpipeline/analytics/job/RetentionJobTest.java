package io.fxpipeline.analytics.job;

import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily purge keeps DATA_RETENTION_DAYS (365) of candles and metrics, deletes older rows, records the run. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class RetentionJobTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RetentionJob job;

    @Inject
    JobRuns runs;

    @Inject
    Pool pool;

    @Test
    void deletesRowsOlderThanTheRetentionOnly() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant old = now.minus(Duration.ofDays(366));
        Instant kept = now.minus(Duration.ofDays(364));
        // EUR_NZD: no other test class of this module writes it
        for (Instant t : List.of(old, kept)) {
            exec("INSERT INTO analytics.candles (pair, granularity, time, open, high, low, close) VALUES ('EUR_NZD', 'H1', $1, 1.8, 1.81, 1.79, 1.8)", t);
            exec("INSERT INTO analytics.volatility_metrics (pair, granularity, time, close) VALUES ('EUR_NZD', 'H1', $1, 1.8)", t);
        }

        JobRuns.Outcome outcome = job.run(now).await().atMost(WAIT);

        assertThat(outcome.status()).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(outcome.records()).isGreaterThanOrEqualTo(2);
        assertThat(times("SELECT time FROM analytics.candles WHERE pair = 'EUR_NZD'")).containsExactly(kept);
        assertThat(times("SELECT time FROM analytics.volatility_metrics WHERE pair = 'EUR_NZD'")).containsExactly(kept);
        assertThat(runs.latest(5).await().atMost(WAIT)).anySatisfy(r -> {
            assertThat(r.job()).isEqualTo("retention");
            assertThat(r.status()).isEqualTo("SUCCEEDED");
            assertThat(r.finished()).isNotNull();
        });
        pool.query("DELETE FROM analytics.candles WHERE pair = 'EUR_NZD'").execute().await().atMost(WAIT);
        pool.query("DELETE FROM analytics.volatility_metrics WHERE pair = 'EUR_NZD'").execute().await().atMost(WAIT);
    }

    private void exec(String sql, Instant t) {
        pool.preparedQuery(sql).execute(Tuple.of(t.atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
    }

    private List<Instant> times(String sql) {
        List<Instant> times = new ArrayList<>();
        pool.query(sql).execute().await().atMost(WAIT).forEach(r -> times.add(r.getOffsetDateTime(0).toInstant()));
        return times;
    }
}
