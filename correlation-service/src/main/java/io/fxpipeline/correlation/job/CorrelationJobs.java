package io.fxpipeline.correlation.job;

import io.fxpipeline.messaging.job.JobRuns;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The correlation schema's job_runs and advisory locks, shared by the daily run and the retention purge. */
public class CorrelationJobs {

    public static final String RETENTION = "retention";

    @Produces
    @ApplicationScoped
    JobRuns jobRuns(Pool pool) {
        return new JobRuns(pool, "correlation");
    }
}
