package io.fxpipeline.ingest.job;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.price.PriceRepository;
import io.fxpipeline.ingest.store.CandleRepository;
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
 * Daily at 00:30 UTC: deletes candles older than {@code DATA_RETENTION_DAYS}, price ticks older than 24 hours and
 * job runs older than the retention, in one transaction, once across replicas.
 */
@ApplicationScoped
public class RetentionJob {

    static final Duration TICK_RETENTION = Duration.ofHours(24);

    private final Pool pool;
    private final CandleRepository candles;
    private final PriceRepository prices;
    private final JobRuns runs;
    private final IngestConfig config;

    public RetentionJob(Pool pool, CandleRepository candles, PriceRepository prices, JobRuns runs, IngestConfig config) {
        this.pool = pool;
        this.candles = candles;
        this.prices = prices;
        this.runs = runs;
        this.config = config;
    }

    @Scheduled(identity = "retention", cron = "0 30 0 * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> scheduled() {
        return run(Instant.now()).onFailure().invoke(e -> Log.errorf(e, "retention purge failed"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Purges as of {@code now}; the outcome's records are the rows deleted. */
    public Uni<JobRuns.Outcome> run(Instant now) {
        Instant candleCutoff = now.minus(Duration.ofDays(config.retentionDays()));
        Instant tickCutoff = now.minus(TICK_RETENTION);
        return runs.runExclusively(IngestJobs.RETENTION, now, id -> pool.withTransaction(tx ->
                candles.deleteBefore(tx, candleCutoff).chain(deletedCandles ->
                        prices.deleteReceivedBefore(tx, tickCutoff).chain(deletedTicks ->
                                runs.deleteBefore(tx, candleCutoff).map(deletedRuns -> {
                                    Log.infof("retention: deleted %d candles before %s, %d price ticks before %s, %d job runs",
                                            deletedCandles, candleCutoff, deletedTicks, tickCutoff, deletedRuns);
                                    return JobRuns.Outcome.succeeded(deletedCandles + deletedTicks);
                                })))));
    }

    /** Skips the schedule when {@code DAILY_JOB_ENABLED=false}. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {

        private final IngestConfig config;

        public Disabled(IngestConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.jobs().dailyEnabled() || !config.serve();
        }
    }
}
