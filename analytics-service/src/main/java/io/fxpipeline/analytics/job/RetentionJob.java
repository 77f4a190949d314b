package io.fxpipeline.analytics.job;

import io.fxpipeline.analytics.config.AnalyticsConfig;
import io.fxpipeline.messaging.job.JobRuns;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Daily at 00:30 UTC: deletes the candles analytics received and the metrics older than
 * {@code DATA_RETENTION_DAYS}, and old job runs, in one transaction, once across replicas.
 */
@ApplicationScoped
public class RetentionJob {

    static final String JOB = "retention";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Pool pool;
    private final JobRuns runs;
    private final AnalyticsConfig config;

    public RetentionJob(Pool pool, JobRuns runs, AnalyticsConfig config) {
        this.pool = pool;
        this.runs = runs;
        this.config = config;
    }

    /** analytics.job_runs and its advisory locks. */
    @Produces
    @ApplicationScoped
    static JobRuns jobRuns(Pool pool) {
        return new JobRuns(pool, "analytics");
    }

    @Scheduled(identity = "retention", cron = "0 30 0 * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> scheduled() {
        return run(Instant.now()).onFailure().invoke(e -> Log.errorf(e, "retention purge failed"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Purges as of {@code now}; the outcome's records are the candle and metric rows deleted. */
    public Uni<JobRuns.Outcome> run(Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(config.retentionDays()));
        return runs.runExclusively(JOB, now, id -> pool.withTransaction(tx ->
                delete(tx, "DELETE FROM analytics.volatility_metrics WHERE time < $1", cutoff).chain(metrics ->
                        delete(tx, "DELETE FROM analytics.candles WHERE time < $1", cutoff).chain(candles ->
                                runs.deleteBefore(tx, cutoff).map(jobRuns -> {
                                    Log.infof("retention: deleted %d metric rows, %d candles, %d job runs before %s",
                                            metrics, candles, jobRuns, cutoff);
                                    return JobRuns.Outcome.succeeded(metrics + candles);
                                })))));
    }

    private static Uni<Integer> delete(SqlClient tx, String sql, Instant cutoff) {
        return tx.preparedQuery(sql).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .ifNoItem().after(TIMEOUT).fail().map(rows -> rows.rowCount());
    }

    /** Skips the schedule when {@code DAILY_JOB_ENABLED=false}. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {

        private final AnalyticsConfig config;

        public Disabled(AnalyticsConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.dailyEnabled();
        }
    }
}
