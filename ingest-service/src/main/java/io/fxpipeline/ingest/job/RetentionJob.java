package io.fxpipeline.ingest.job;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.price.PriceRepository;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.RetentionPurge;
import io.fxpipeline.messaging.job.Skip;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * Daily at 00:30 UTC: deletes candles older than {@code DATA_RETENTION_DAYS} and price ticks older than 24 hours
 * (the kit's {@link RetentionPurge} adds old job runs, the lock and the one transaction).
 */
@Singleton
public class RetentionJob extends RetentionPurge {

    static final Duration TICK_RETENTION = Duration.ofHours(24);

    private final CandleRepository candles;
    private final PriceRepository prices;

    public RetentionJob(Pool pool, CandleRepository candles, PriceRepository prices, JobRuns runs, IngestConfig config) {
        super(pool, runs, config);
        this.candles = candles;
        this.prices = prices;
    }

    @Scheduled(identity = "retention", cron = "0 30 0 * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Skip.DailyOff.class)
    Uni<Void> daily() {
        return scheduled();
    }

    @Override
    protected Uni<Integer> purge(SqlClient tx, Instant now, Instant cutoff) {
        Instant tickCutoff = now.minus(TICK_RETENTION);
        return candles.deleteBefore(tx, cutoff).chain(deletedCandles ->
                prices.deleteReceivedBefore(tx, tickCutoff).map(deletedTicks -> {
                    Log.infof("retention: deleted %d candles before %s, %d price ticks before %s", deletedCandles,
                            cutoff, deletedTicks, tickCutoff);
                    return deletedCandles + deletedTicks;
                }));
    }
}
