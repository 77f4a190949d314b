package io.fxpipeline.ingest.job;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.price.PriceRepository;
import io.fxpipeline.ingest.store.ArchivedCandles;
import io.fxpipeline.messaging.job.ArchivedTable;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.RetentionArchive;
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
import java.util.List;

/**
 * Daily at 00:30 UTC: deletes candles older than {@code DATA_RETENTION_DAYS} (archived first to
 * {@code DATA_ARCHIVE_DIR} when it is set: the replayable history) and price ticks older than 24 hours (never
 * archived: the replay format has no ticks). The kit's {@link RetentionPurge} adds the archive, old job runs, the
 * lock and the one transaction.
 */
@Singleton
public class RetentionJob extends RetentionPurge {

    static final Duration TICK_RETENTION = Duration.ofHours(24);

    private final ArchivedCandles candles;
    private final PriceRepository prices;

    public RetentionJob(Pool pool, ArchivedCandles candles, PriceRepository prices, JobRuns runs, IngestConfig config,
            RetentionArchive archive) {
        super(pool, runs, config, archive);
        this.candles = candles;
        this.prices = prices;
    }

    @Override
    public List<ArchivedTable> archived() {
        return List.of(candles);
    }

    @Scheduled(identity = "retention", cron = "0 30 0 * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Skip.DailyOff.class)
    Uni<Void> daily() {
        return scheduled();
    }

    /** The candles went before (archived()); the ticks go here. */
    @Override
    protected Uni<Integer> purge(SqlClient tx, Instant now, Instant cutoff) {
        Instant tickCutoff = now.minus(TICK_RETENTION);
        return prices.deleteReceivedBefore(tx, tickCutoff).invoke(deletedTicks ->
                Log.infof("retention: deleted %d price ticks before %s", deletedTicks, tickCutoff));
    }
}
