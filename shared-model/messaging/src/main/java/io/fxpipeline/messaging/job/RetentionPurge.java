package io.fxpipeline.messaging.job;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.time.Duration;
import java.time.Instant;

/**
 * The daily retention purge every service runs: once across replicas (the job's lock), in one transaction, the
 * service's {@link #purge} of its own tables and then job runs older than {@code DATA_RETENTION_DAYS}. The
 * subclass (a {@code @Singleton}: this class has no constructor for a client proxy) schedules it (00:30 UTC,
 * skipped by {@link Skip.DailyOff}) and says what to delete.
 */
public abstract class RetentionPurge extends ScheduledJob {

    public static final String NAME = "retention";

    private final Pool pool;
    private final JobRuns runs;
    private final ServiceConfig config;

    protected RetentionPurge(Pool pool, JobRuns runs, ServiceConfig config) {
        this.pool = pool;
        this.runs = runs;
        this.config = config;
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
        return runs.runExclusively(NAME, now, id -> pool.withTransaction(tx -> purge(tx, now, cutoff)
                .chain(deleted -> runs.deleteBefore(tx, cutoff).map(jobRuns -> {
                    Log.infof("retention: deleted %d job runs before %s", jobRuns, cutoff);
                    return JobRuns.Outcome.succeeded(deleted);
                }))));
    }
}
