package io.fxpipeline.analytics.job;

import io.fxpipeline.analytics.config.AnalyticsConfig;
import io.fxpipeline.analytics.metrics.MetricsCalculator;
import io.fxpipeline.analytics.store.AlertRepository;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.RetentionPurge;
import io.fxpipeline.messaging.job.Skip;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Daily at 00:30 UTC: deletes the bars analytics stored (prices and metrics) and the volatility alerts older than
 * {@code DATA_RETENTION_DAYS} (the kit's {@link RetentionPurge} adds old job runs, the lock and the one transaction). The newest
 * {@link MetricsCalculator#LOOKBACK} candles before the cutoff stay, with their metrics: they are the window
 * (and the ATR to continue from) that a late or corrected candle just inside the retention is recomputed with,
 * so its metrics come out as they would have before the purge instead of as a series restarting there.
 */
@Singleton
public class RetentionJob extends RetentionPurge {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final AlertRepository alerts;

    public RetentionJob(Pool pool, JobRuns runs, AnalyticsConfig config, AlertRepository alerts) {
        super(pool, runs, config);
        this.alerts = alerts;
    }

    @Scheduled(identity = "retention", cron = "0 30 0 * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Skip.DailyOff.class)
    Uni<Void> daily() {
        return scheduled();
    }

    /**
     * The outcome's records are the bar and alert rows deleted. Nothing is archived: the metrics and alerts are
     * recomputed from ingest's archived candles by replaying them.
     */
    @Override
    protected Uni<Integer> purge(SqlClient tx, Instant now, Instant cutoff) {
        return deleteBars(tx, cutoff).chain(bars -> alerts.deleteBefore(tx, cutoff).map(raised -> {
            Log.infof("retention: deleted %d bars (prices and metrics), %d volatility alerts before %s", bars, raised,
                    cutoff);
            return bars + raised;
        }));
    }

    /**
     * Deletes the bars older than the cutoff but the newest LOOKBACK of each series. Reads the whole table once a day:
     * bars have no index on time alone (V15), since every other read is by series.
     */
    private static Uni<Integer> deleteBars(SqlClient tx, Instant cutoff) {
        return tx.preparedQuery("""
                        DELETE FROM analytics.volatility_metrics d USING (
                            SELECT pair, granularity, time,
                                   row_number() OVER (PARTITION BY pair, granularity ORDER BY time DESC) AS newer
                            FROM analytics.volatility_metrics WHERE time < $1) old
                        WHERE d.pair = old.pair AND d.granularity = old.granularity AND d.time = old.time
                          AND old.newer > $2""")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), MetricsCalculator.LOOKBACK))
                .ifNoItem().after(TIMEOUT).fail().map(rows -> rows.rowCount());
    }
}
