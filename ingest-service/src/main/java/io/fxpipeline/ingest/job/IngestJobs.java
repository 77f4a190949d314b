package io.fxpipeline.ingest.job;

import io.fxpipeline.messaging.job.JobRuns;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The ingest schema's job_runs and advisory locks, shared by every job of the service. */
public class IngestJobs {

    public static final String HOURLY = "hourly-candles";
    public static final String BACKFILL = "backfill";
    public static final String RETENTION = "retention";
    public static final String PRICES = "prices";
    public static final java.util.List<String> ALL = java.util.List.of(HOURLY, BACKFILL, PRICES, RETENTION);

    @Produces
    @ApplicationScoped
    JobRuns jobRuns(Pool pool) {
        return new JobRuns(pool, "ingest");
    }
}
