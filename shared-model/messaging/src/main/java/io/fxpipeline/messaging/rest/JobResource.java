package io.fxpipeline.messaging.rest;

import io.fxpipeline.messaging.job.JobNames;
import io.fxpipeline.messaging.job.JobRuns;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /jobs}: the service's recorded job runs (status, records, the error or what was left out), so a
 * service left running unattended can be asked what its jobs did. Services with a store serve it: they set the
 * build property {@code kit.jobs-api=true} and name their jobs in a {@link JobNames} bean.
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@IfBuildProperty(name = "kit.jobs-api", stringValue = "true")
public class JobResource {

    static final int MAX_LIMIT = 500;

    private final JobRuns runs;
    private final JobNames names;

    public JobResource(JobRuns runs, JobNames names) {
        this.runs = runs;
        this.names = names;
    }

    @GET
    @Operation(summary = "The newest job runs, newest first; ?job= keeps one job")
    @APIResponse(responseCode = "200", description = "id, job, started, finished, status, records, error")
    @APIResponse(responseCode = "400", description = "limit out of range or an unknown job (problem+json)")
    public Uni<List<JobRuns.JobRun>> jobs(@Parameter(description = "1-500, default 50") @QueryParam("limit") Integer limit,
            @Parameter(description = "one of the service's jobs") @QueryParam("job") String job) {
        if (job != null && !names.all().contains(job)) {
            throw new Problems.BadRequest("job must be one of " + String.join(", ", names.all()) + ", was '"
                    + (job.length() > 40 ? job.substring(0, 40) + "…" : job) + "'");
        }
        return runs.latest(job, Problems.limit(limit, 50, MAX_LIMIT));
    }
}
