package io.fxpipeline.messaging.job;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The daily retention purge every service runs: once across replicas (the job's lock), in one transaction, the
 * service's {@link #archived} tables (moved to the archive when {@code DATA_ARCHIVE_DIR} is set, else deleted), its
 * {@link #purge} of its other tables and then job runs older than {@code DATA_RETENTION_DAYS}. The subclass (a
 * {@code @Singleton}: this class has no constructor for a client proxy) schedules it (00:30 UTC, skipped by
 * {@link Skip.DailyOff}) and says what to delete. An archive file that cannot be written fails the run, and the
 * transaction's rollback leaves every row in place.
 */
public abstract class RetentionPurge extends ScheduledJob {

    public static final String NAME = "retention";

    private final Pool pool;
    private final JobRuns runs;
    private final ServiceConfig config;
    private final RetentionArchive archive;

    /** A purge that archives nothing. */
    protected RetentionPurge(Pool pool, JobRuns runs, ServiceConfig config) {
        this(pool, runs, config, null);
    }

    /** A purge whose {@link #archived} tables go to {@code archive} first when it is enabled. */
    protected RetentionPurge(Pool pool, JobRuns runs, ServiceConfig config, RetentionArchive archive) {
        this.pool = pool;
        this.runs = runs;
        this.config = config;
        this.archive = archive;
    }

    /** The tables whose purged rows are archived ({@code DATA_ARCHIVE_DIR}); none by default. */
    public List<ArchivedTable> archived() {
        return List.of();
    }

    /** Deletes the service's rows older than {@code cutoff} in {@code tx}; answers how many (the run's records). */
    protected abstract Uni<Integer> purge(SqlClient tx, Instant now, Instant cutoff);

    @Override
    public String name() {
        return NAME;
    }

    /** Purges as of {@code now}; the outcome's records are the rows {@link #purge} deleted. */
    @Override
    public Uni<JobRuns.Outcome> run(Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(config.retentionDays()));
        return runs.runExclusively(NAME, now, id -> pool.withTransaction(tx -> purgeArchived(tx, cutoff)
                .chain(archivedRows -> purge(tx, now, cutoff).map(deleted -> archivedRows + deleted))
                .chain(deleted -> runs.deleteBefore(tx, cutoff).map(jobRuns -> {
                    Log.infof("retention: deleted %d job runs before %s", jobRuns, cutoff);
                    return JobRuns.Outcome.succeeded(deleted);
                }))));
    }

    /** The archived tables' rows before the cutoff: archived then deleted, or only deleted without an archive. */
    private Uni<Integer> purgeArchived(SqlClient tx, Instant cutoff) {
        boolean archiving = archive != null && archive.enabled();
        return Multi.createFrom().iterable(archived())
                .onItem().transformToUniAndConcatenate(table -> archiving ? archive.move(tx, table, cutoff)
                        : table.delete(tx, cutoff).invoke(rows -> Log.infof("retention: deleted %d rows of %s before %s",
                                rows, table.name(), cutoff)))
                .collect().with(Collectors.summingInt(Integer::intValue));
    }
}
