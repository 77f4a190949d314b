package io.fxpipeline.correlation.job;

import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.store.AlertRepository;
import io.fxpipeline.correlation.store.CloseRepository;
import io.fxpipeline.correlation.store.CorrelationRepository;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.RetentionPurge;
import io.fxpipeline.messaging.job.Skip;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Daily at 00:30 UTC (after the 00:00 run): deletes closes, matrices, best pairs and correlation alerts older than
 * {@code DATA_RETENTION_DAYS}; nothing is archived: the closes are ingest's candles (archived there) and the rest is
 * recomputed from them ({@code history --days N}). The kit's {@link RetentionPurge} adds old job runs, the lock and the one transaction).
 */
@Singleton
public class RetentionJob extends RetentionPurge {

    private final CloseRepository closes;
    private final CorrelationRepository results;
    private final AlertRepository alerts;

    public RetentionJob(Pool pool, CloseRepository closes, CorrelationRepository results, AlertRepository alerts,
            JobRuns runs, CorrelationConfig config) {
        super(pool, runs, config);
        this.closes = closes;
        this.results = results;
        this.alerts = alerts;
    }

    @Scheduled(identity = "retention", cron = "0 30 0 * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Skip.DailyOff.class)
    Uni<Void> daily() {
        return scheduled();
    }

    @Override
    protected Uni<Integer> purge(SqlClient tx, Instant now, Instant cutoff) {
        return closes.deleteBefore(tx, cutoff).chain(deletedCloses -> results.deleteBefore(tx, cutoff)
                .chain(deletedResults -> alerts.deleteBefore(tx, cutoff).map(deletedAlerts -> {
                    Log.infof("retention: deleted %d closes, %d result rows, %d correlation alerts before %s",
                            deletedCloses, deletedResults, deletedAlerts, cutoff);
                    return deletedCloses + deletedResults + deletedAlerts;
                })));
    }
}
