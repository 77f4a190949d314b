package io.fxpipeline.correlation.job;

import io.fxpipeline.correlation.service.CorrelationHistory;
import io.fxpipeline.correlation.service.CorrelationRun;
import io.fxpipeline.messaging.job.JobNames;
import io.fxpipeline.messaging.job.RetentionPurge;
import jakarta.inject.Singleton;

import java.util.List;

/** The jobs in correlation.job_runs, for {@code GET /jobs?job=}: the runs, the history builds, retention. */
@Singleton
public class CorrelationJobs implements JobNames {

    @Override
    public List<String> all() {
        return List.of(CorrelationRun.JOB, CorrelationHistory.JOB, RetentionPurge.NAME);
    }
}
