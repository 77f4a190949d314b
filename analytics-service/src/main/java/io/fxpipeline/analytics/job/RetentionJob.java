package io.fxpipeline.analytics.job;

import io.fxpipeline.analytics.config.AnalyticsConfig;
import io.fxpipeline.analytics.metrics.MetricsCalculator;
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
 * {@code DATA_RETENTION_DAYS}, and old job runs, in one transaction, once across replicas. The newest
 * {@link MetricsCalculator#LOOKBACK} candles before the cutoff stay, with their metrics: they are the window
 * (and the ATR to continue from) that a late or corrected candle just inside the retention is recomputed with,
 * so its metrics come out as they would have before the purge instead of as a series restarting there.
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
                delete(tx, "volatility_metrics", cutoff).chain(metrics ->
                        delete(tx, "candles", cutoff).chain(candles ->
                                runs.deleteBefore(tx, cutoff).map(jobRuns -> {
                                    Log.infof("retention: deleted %d metric rows, %d candles, %d job runs before %s",
                                            metrics, candles, jobRuns, cutoff);
                                    return JobRuns.Outcome.succeeded(metrics + candles);
                                })))));
    }

    /** Deletes a table's rows older than the cutoff but the newest LOOKBACK of each series. */
    private static Uni<Integer> delete(SqlClient tx, String table, Instant cutoff) {
        String sql = """
                DELETE FROM analytics.%1$s d USING (
                    SELECT pair, granularity, time,
                           row_number() OVER (PARTITION BY pair, granularity ORDER BY time DESC) AS newer
                    FROM analytics.%1$s WHERE time < $1) old
                WHERE d.pair = old.pair AND d.granularity = old.granularity AND d.time = old.time AND old.newer > $2"""
                .formatted(table);
        return tx.preparedQuery(sql).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), MetricsCalculator.LOOKBACK))
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
