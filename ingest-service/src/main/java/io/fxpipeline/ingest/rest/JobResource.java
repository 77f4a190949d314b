package io.fxpipeline.ingest.rest;

import io.fxpipeline.messaging.rest.Problems;
import io.fxpipeline.messaging.job.JobRuns;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import io.fxpipeline.ingest.job.IngestJobs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Recorded runs of the hourly job, backfills, price polls and retention purges. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobResource {

    static final int MAX_LIMIT = 500;

    private final JobRuns runs;

    public JobResource(JobRuns runs) {
        this.runs = runs;
    }

    @GET
    @Operation(summary = "The newest job runs, newest first; ?job= keeps one job (the price poll records a run a minute)")
    @APIResponse(responseCode = "200", description = "job, started, finished, status, records, error")
    @APIResponse(responseCode = "400", description = "limit out of range or an unknown job (problem+json)")
    public Uni<List<JobRuns.JobRun>> jobs(@QueryParam("limit") Integer limit,
            @Parameter(description = "hourly-candles, backfill, prices or retention") @QueryParam("job") String job) {
        if (job != null && !IngestJobs.ALL.contains(job)) {
            throw new Problems.BadRequest("job must be one of " + String.join(", ", IngestJobs.ALL) + ", was '"
                    + (job.length() > 40 ? job.substring(0, 40) + "…" : job) + "'");
        }
        return runs.latest(job, Problems.limit(limit, 50, MAX_LIMIT));
    }
}
