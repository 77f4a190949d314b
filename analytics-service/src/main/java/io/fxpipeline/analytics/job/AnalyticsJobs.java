package io.fxpipeline.analytics.job;

import io.fxpipeline.messaging.job.JobNames;
import io.fxpipeline.messaging.job.RetentionPurge;
import jakarta.inject.Singleton;

import java.util.List;

/** The jobs in analytics.job_runs, for {@code GET /jobs?job=}. */
@Singleton
public class AnalyticsJobs implements JobNames {

    @Override
    public List<String> all() {
        return List.of(RetentionPurge.NAME);
    }
}
