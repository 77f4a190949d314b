package io.fxpipeline.correlation.job;

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

/** The daily purge keeps DATA_RETENTION_DAYS (365) of closes, matrices, best pairs and alerts and deletes the rest. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class RetentionJobTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RetentionJob job;

    @Inject
    Pool pool;

    @Test
    void deletesWhatIsOlderThanTheRetentionOnly() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant old = now.minus(Duration.ofDays(366));
        Instant kept = now.minus(Duration.ofDays(364));
        // EUR_NZD / NZD_CAD: no other test class of this module writes them
        for (Instant t : List.of(old, kept)) {
            exec("INSERT INTO correlation.closes (pair, granularity, time, close) VALUES ('EUR_NZD', 'H1', $1, 1.8)", t);
            exec("INSERT INTO correlation.correlation_matrix (as_of, \"window\", pair_a, pair_b, correlation, observations) VALUES ($1, 100, 'EUR_NZD', 'NZD_CAD', 0.5, 99)", t);
            exec("INSERT INTO correlation.best_pairs (as_of, rank, pair_a, pair_b, correlation, category, observations, reason) VALUES ($1, 1, 'EUR_NZD', 'NZD_CAD', 0.1, 'UNCORRELATED', 99, 'test')", t);
            exec("INSERT INTO correlation.correlation_alerts (ts, pair_a, pair_b, correlation, threshold, severity, as_of) VALUES (now(), 'EUR_NZD', 'NZD_CAD', 0.95, 0.9, 'WARNING', $1)", t);
        }

        JobRuns.Outcome outcome;
        try {
            outcome = job.run(now).await().atMost(WAIT);
            assertThat(times("SELECT as_of FROM correlation.correlation_matrix WHERE pair_a = 'EUR_NZD'")).containsExactly(kept);
            assertThat(times("SELECT as_of FROM correlation.best_pairs WHERE pair_a = 'EUR_NZD'")).containsExactly(kept);
            assertThat(times("SELECT as_of FROM correlation.correlation_alerts WHERE pair_a = 'EUR_NZD'"))
                    .as("alerts go with the runs they came from").containsExactly(kept);
        } finally {
            pool.query("DELETE FROM correlation.correlation_alerts WHERE pair_a = 'EUR_NZD'").execute().await().atMost(WAIT);
            // the app is shared: a leftover matrix would be "the latest" for other test classes
            pool.query("DELETE FROM correlation.correlation_matrix WHERE pair_a = 'EUR_NZD'").execute().await().atMost(WAIT);
            pool.query("DELETE FROM correlation.best_pairs WHERE pair_a = 'EUR_NZD'").execute().await().atMost(WAIT);
        }

        assertThat(outcome.status()).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(outcome.records()).isGreaterThanOrEqualTo(4);
        assertThat(times("SELECT time FROM correlation.closes WHERE pair = 'EUR_NZD'")).containsExactly(kept);
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
