package io.fxpipeline.correlation.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.messaging.job.JobRuns;

import java.time.Instant;

/** What one correlation run did, as recorded in job_runs and answered by POST /correlation/run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
        @JsonProperty("run_id") long runId,
        @JsonProperty("status") JobRuns.Status status,
        @JsonProperty("as_of") Instant asOf,
        @JsonProperty("pairs") int pairs,
        @JsonProperty("entries") int entries,
        @JsonProperty("with_value") long withValue,
        @JsonProperty("best_pairs") int bestPairs,
        @JsonProperty("alerts") int alerts,
        @JsonProperty("message") String message) {
}
