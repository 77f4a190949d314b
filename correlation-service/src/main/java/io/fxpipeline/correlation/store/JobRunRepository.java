package io.fxpipeline.correlation.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;

import static io.fxpipeline.correlation.store.CloseRepository.TIMEOUT;

/** correlation.job_runs, and the advisory lock that lets only one replica run a job at a time. */
@ApplicationScoped
public class JobRunRepository {

    /** Advisory-lock key of the correlation run: any 64-bit constant unique within the database. */
    public static final long CORRELATION_LOCK = 0x46584352L; // "FXCR"

    private final Pool pool;

    public JobRunRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Long> start(String job, Instant started) {
        return pool.preparedQuery("INSERT INTO correlation.job_runs (job, started, status) VALUES ($1, $2, 'RUNNING') RETURNING id")
                .execute(Tuple.of(job, started.atOffset(ZoneOffset.UTC)))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Void> finish(long id, String status, int records, String error) {
        return pool.preparedQuery("UPDATE correlation.job_runs SET finished = now(), status = $2, records = $3, error = $4 WHERE id = $1")
                .execute(Tuple.of(id, status, records, error))
                .ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
    }

    /** Held until the surrounding transaction ends; false when another run (any replica) holds it. */
    public Uni<Boolean> tryLock(SqlClient transaction, long key) {
        return transaction.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(key))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The newest runs, newest first. */
    public Uni<java.util.List<JobRun>> latest(int limit) {
        return pool.preparedQuery("SELECT id, job, started, finished, status, records, error FROM correlation.job_runs ORDER BY started DESC, id DESC LIMIT $1")
                .execute(Tuple.of(limit)).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    java.util.List<JobRun> runs = new java.util.ArrayList<>();
                    rows.forEach(r -> runs.add(new JobRun(r.getLong(0), r.getString(1),
                            r.getOffsetDateTime(2).toInstant(),
                            r.getOffsetDateTime(3) == null ? null : r.getOffsetDateTime(3).toInstant(),
                            r.getString(4), r.getInteger(5), r.getString(6))));
                    return runs;
                });
    }

    /** One recorded run. */
    public record JobRun(long id, String job, Instant started, Instant finished, String status, int records,
            String error) {
    }
}
