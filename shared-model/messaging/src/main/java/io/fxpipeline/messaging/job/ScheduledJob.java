package io.fxpipeline.messaging.job;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import java.time.Instant;

/**
 * A job a schedule fires and a command or an API can run on demand. The subclass puts {@code @Scheduled} (with
 * {@code skipExecutionIf} one of {@link Skip}'s predicates) on a method that returns {@link #scheduled()}.
 */
public abstract class ScheduledJob {

    /** The job's name in job_runs and in the log. */
    public abstract String name();

    /** One run as of {@code now}; SKIPPED when another run (any replica) holds the job's lock. */
    public abstract Uni<JobRuns.Outcome> run(Instant now);

    /** A scheduled run: its failure is recorded in job_runs by the run and logged here, never thrown at the scheduler. */
    protected Uni<Void> scheduled() {
        return run(Instant.now())
                .onFailure().invoke(e -> Log.errorf(e, "scheduled %s run failed", name()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
