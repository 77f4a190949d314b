package io.fxpipeline.ingest.job;

import io.fxpipeline.messaging.job.JobNames;
import io.fxpipeline.messaging.job.RetentionPurge;
import jakarta.inject.Singleton;

import java.util.List;

/** The names of the ingest jobs in ingest.job_runs (the kit's JobRuns bean keeps the table and the locks). */
@Singleton
public class IngestJobs implements JobNames {

    public static final String HOURLY = "hourly-candles";
    public static final String BACKFILL = "backfill";
    public static final String RETENTION = RetentionPurge.NAME;
    public static final String PRICES = "prices";
    public static final List<String> ALL = List.of(HOURLY, BACKFILL, PRICES, RETENTION);

    @Override
    public List<String> all() {
        return ALL;
    }
}
