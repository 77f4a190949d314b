package io.fxpipeline.messaging.job;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A service's {@code <schema>.job_runs} and the PostgreSQL advisory lock that lets one replica run a job at a
 * time. {@link #runExclusively} is the whole protocol: lock, record RUNNING, work, record the outcome.
 */
public final class JobRuns {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How a run ended; SKIPPED when another run held the lock. */
    public enum Status {
        RUNNING, SUCCEEDED, PARTIAL, FAILED, SKIPPED
    }

    /** One recorded run. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record JobRun(long id, String job, Instant started, Instant finished, String status, int records,
            String error) {
    }

    /** What a job's work reports back: its status, how many records it wrote, and any error to record. */
    public record Outcome(Status status, int records, String error) {

        public static Outcome succeeded(int records) {
            return new Outcome(Status.SUCCEEDED, records, null);
        }
    }

    /** Told of every finished run (metrics, system alerts); never fails the run. */
    public interface Listener {
        void finished(String job, Status status, Duration took, String error);
    }

    private final Pool pool;
    private final String schema;
    private final Listener listener;

    /** @param schema the owning service's schema (a fixed identifier, never user input) */
    public JobRuns(Pool pool, String schema) {
        this(pool, schema, (job, status, took, error) -> { });
    }

    public JobRuns(Pool pool, String schema, Listener listener) {
        this.listener = listener;
        if (!schema.matches("[a-z_]+")) {
            throw new IllegalArgumentException("schema name '" + schema + "' is not a plain identifier");
        }
        this.pool = pool;
        this.schema = schema;
    }

    /** A stable advisory-lock key for a job of a schema, so services sharing one database never collide. */
    public long lockKey(String job) {
        return ((long) schema.hashCode() << 32) | (job.hashCode() & 0xffffffffL);
    }

    /** The end of a SKIPPED run's message when another run held the job's lock. */
    private static final String LOCK_TAKEN = " holds the lock";

    /** Whether a run found another run of its job holding the lock: it did nothing, and trying later is right. */
    public static boolean lockTaken(Status status, String message) {
        return status == Status.SKIPPED && message != null && message.endsWith(LOCK_TAKEN);
    }

    /**
     * Runs {@code work} only if no other run of the job (in any replica) is under way: the lock is a
     * transaction-scoped advisory lock held by a connection for the duration, so a crashed replica releases it
     * (and a lock can never be left behind in a pooled connection). The run needs a second connection, so the
     * pool holds at least two (DB_POOL_SIZE is checked at start-up).
     * The run is recorded as SKIPPED, or RUNNING then the work's outcome; a failed work is recorded as FAILED
     * and its failure passed on.
     */
    public Uni<Outcome> runExclusively(String job, Instant started, Function<Long, Uni<Outcome>> work) {
        return runExclusively(job, started, work, outcome -> outcome, (id, skipped) -> skipped);
    }

    /**
     * {@link #runExclusively(String, Instant, Function)} for work that answers more than an {@link Outcome}: the
     * run's id goes to {@code work}, {@code outcome} says what of its result is recorded, and {@code skipped} makes
     * the result of a run that found the lock taken (from its id and the SKIPPED outcome recorded).
     */
    public <T> Uni<T> runExclusively(String job, Instant started, Function<Long, Uni<T>> work,
            Function<T, Outcome> outcome, BiFunction<Long, Outcome, T> skipped) {
        return pool.withTransaction(lockHolder -> tryLock(lockHolder, lockKey(job))
                .chain(locked -> {
                    if (!locked) {
                        Outcome skip = new Outcome(Status.SKIPPED, 0, "another run of " + job + LOCK_TAKEN);
                        return start(job, started, Status.SKIPPED)
                                .call(id -> finish(id, skip)).map(id -> skipped.apply(id, skip));
                    }
                    // Holding the lock, no other run of this job is alive: a RUNNING row left is from a run whose
                    // process died (the lock went with its connection). Close it so GET /jobs tells the truth. It is
                    // written through the pool, not the lock's connection: that transaction then writes nothing, so
                    // holding it through a long run (a backfill) keeps no transaction id and holds back no VACUUM.
                    return closeInterrupted(pool, job).chain(() -> start(job, started, Status.RUNNING)).chain(id -> work.apply(id)
                            .onFailure().call(failure -> finish(id, new Outcome(Status.FAILED, 0, message(failure))))
                            .call(result -> finish(id, outcome.apply(result))));
                }));
    }

    private Uni<Integer> closeInterrupted(SqlClient client, String job) {
        return client.preparedQuery("UPDATE " + schema + ".job_runs SET status = 'FAILED', finished = now(),"
                        + " error = 'interrupted: the process ended before the run finished' WHERE job = $1 AND status = 'RUNNING'")
                .execute(Tuple.of(job)).ifNoItem().after(TIMEOUT).fail().map(rows -> rows.rowCount());
    }

    public Uni<Long> start(String job, Instant started, Status status) {
        return pool.preparedQuery("INSERT INTO " + schema + ".job_runs (job, started, status) VALUES ($1, $2, $3) RETURNING id")
                .execute(Tuple.of(job, started.atOffset(ZoneOffset.UTC), status.name()))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Void> finish(long id, Outcome outcome) {
        return pool.preparedQuery("UPDATE " + schema + ".job_runs SET finished = now(), status = $2, records = $3, error = $4"
                        + " WHERE id = $1 RETURNING job, started, finished")
                .execute(Tuple.of(id, outcome.status().name(), outcome.records(), truncate(outcome.error())))
                .ifNoItem().after(TIMEOUT).fail()
                .invoke(rows -> rows.forEach(r -> {
                    try {
                        listener.finished(r.getString(0), outcome.status(),
                                Duration.between(r.getOffsetDateTime(1), r.getOffsetDateTime(2)), outcome.error());
                    } catch (RuntimeException e) {
                        io.quarkus.logging.Log.errorf(e, "job signals of run %d not updated", id);
                    }
                }))
                .replaceWithVoid();
    }

    /** Held until the surrounding transaction ends; false when another run (any replica) holds it. */
    public Uni<Boolean> tryLock(SqlClient transaction, long key) {
        return transaction.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(key))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The newest runs, newest first. */
    public Uni<List<JobRun>> latest(int limit) {
        return latest(null, limit);
    }

    /** The newest runs of one job ({@code null}: of every job), newest first. */
    public Uni<List<JobRun>> latest(String job, int limit) {
        return pool.preparedQuery("SELECT id, job, started, finished, status, records, error FROM " + schema
                        + ".job_runs WHERE $1::text IS NULL OR job = $1 ORDER BY started DESC, id DESC LIMIT $2")
                .execute(Tuple.of(job, limit)).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<JobRun> runs = new ArrayList<>();
                    for (Row r : rows) {
                        runs.add(new JobRun(r.getLong(0), r.getString(1), r.getOffsetDateTime(2).toInstant(),
                                r.getOffsetDateTime(3) == null ? null : r.getOffsetDateTime(3).toInstant(),
                                r.getString(4), r.getInteger(5), r.getString(6)));
                    }
                    return runs;
                });
    }

    /** Deletes runs that started before {@code before}; answers how many. */
    public Uni<Integer> deleteBefore(SqlClient client, Instant before) {
        return client.preparedQuery("DELETE FROM " + schema + ".job_runs WHERE started < $1 AND status <> 'RUNNING'")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.rowCount());
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static String truncate(String error) {
        // scrubbed before it is stored: job_runs is served by GET /jobs
        error = io.fxpipeline.messaging.guard.Secrets.scrub(error);
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000) + "…";
    }
}
