package io.fxpipeline.correlation.job;

import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.store.CloseRepository;
import io.fxpipeline.correlation.store.CorrelationRepository;
import io.fxpipeline.messaging.job.JobRuns;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * Daily at 00:30 UTC (after the 00:00 run): deletes closes, matrices, best pairs and job runs older than
 * {@code DATA_RETENTION_DAYS}, in one transaction, once across replicas.
 */
@ApplicationScoped
public class RetentionJob {

    private final Pool pool;
    private final CloseRepository closes;
    private final CorrelationRepository results;
    private final JobRuns runs;
    private final CorrelationConfig config;

    public RetentionJob(Pool pool, CloseRepository closes, CorrelationRepository results, JobRuns runs,
            CorrelationConfig config) {
        this.pool = pool;
        this.closes = closes;
        this.results = results;
        this.runs = runs;
        this.config = config;
    }

    @Scheduled(identity = "retention", cron = "0 30 0 * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = DailyCorrelationJob.Disabled.class)
    Uni<Void> scheduled() {
        return run(Instant.now()).onFailure().invoke(e -> Log.errorf(e, "retention purge failed"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Purges as of {@code now}; the outcome's records are the closes and result rows deleted. */
    public Uni<JobRuns.Outcome> run(Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(config.retentionDays()));
        return runs.runExclusively(CorrelationJobs.RETENTION, now, id -> pool.withTransaction(tx ->
                closes.deleteBefore(tx, cutoff).chain(deletedCloses ->
                        results.deleteBefore(tx, cutoff).chain(deletedResults ->
                                runs.deleteBefore(tx, cutoff).map(deletedRuns -> {
                                    Log.infof("retention: deleted %d closes, %d result rows, %d job runs before %s",
                                            deletedCloses, deletedResults, deletedRuns, cutoff);
                                    return JobRuns.Outcome.succeeded(deletedCloses + deletedResults);
                                })))));
    }
}
