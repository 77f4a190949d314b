package io.fxpipeline.correlation.rest;

import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.mapping.BestPairView;
import io.fxpipeline.correlation.mapping.MatrixView;
import io.fxpipeline.correlation.service.CorrelationRun;
import io.fxpipeline.correlation.service.RunSummary;
import io.fxpipeline.correlation.store.CorrelationRepository;
import io.fxpipeline.messaging.rest.Problems;
import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Read the correlation results; trigger a run on demand. */
@Path("/correlation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "correlation")
public class CorrelationResource {

    static final int MAX_LIMIT = 190 * 10;

    private final CorrelationRepository results;
    private final CorrelationRun run;
    private final CorrelationConfig config;

    public CorrelationResource(CorrelationRepository results, CorrelationRun run, CorrelationConfig config) {
        this.results = results;
        this.run = run;
        this.config = config;
    }

    @GET
    @Path("/matrix")
    @Operation(summary = "The correlation matrix as of a time (the newest by default)")
    @APIResponse(responseCode = "200", description = "pairs in order, rows of r (null: too few common returns)")
    @APIResponse(responseCode = "404", description = "no matrix at or before that time")
    @APIResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant")
    public Uni<MatrixView> matrix(@Parameter(description = "ISO-8601 instant, e.g. 2024-11-15T00:00:00Z") @QueryParam("asOf") Instant asOf) {
        return results.asOf(asOf)
                .map(found -> found.orElseThrow(() -> new Problems.NotFound("no correlation matrix"
                        + (asOf == null ? " yet: run POST /correlation/run or wait for the daily run" : " at or before " + asOf))))
                .chain(results::matrix).map(MatrixView::of);
    }

    @GET
    @Path("/best-pairs")
    @Operation(summary = "Pairs that hedge or diversify each other (r < 0.4), strongest hedges first")
    @APIResponse(responseCode = "200", description = "ranked pairs with category and reason")
    @APIResponse(responseCode = "404", description = "no run yet")
    public Uni<List<BestPairView>> bestPairs(@QueryParam("limit") Integer limit) {
        int n = limit(limit, 20);
        return results.asOf(null)
                .map(found -> found.orElseThrow(() -> new Problems.NotFound("no correlation run yet")))
                .chain(asOf -> results.bestPairs(asOf, n))
                .map(best -> best.stream().map(BestPairView::of).toList());
    }

    @GET
    @Path("/pairs/{a}/{b}/history")
    @Operation(summary = "Every stored correlation of two pairs, oldest first")
    @APIResponse(responseCode = "200", description = "as_of, correlation, observations per run")
    @APIResponse(responseCode = "400", description = "bad pair names, or the same pair twice")
    @APIResponse(responseCode = "404", description = "none stored, and a pair is not tracked (FX_PAIRS)")
    public Uni<List<CorrelationRepository.PairHistoryPoint>> history(@PathParam("a") Pair first, @PathParam("b") Pair second,
            @QueryParam("limit") Integer limit) {
        if (first.equals(second)) {
            throw new Problems.BadRequest("pairs a and b must differ (a pair's correlation with itself is 1)");
        }
        return results.history(first, second, limit(limit, 365))
                .map(found -> Problems.unlessUntracked(found, "correlation of " + first + " and " + second,
                        config.pairs(), first, second));
    }

    @POST
    @Path("/run")
    @Operation(summary = "Run the correlation now (as of the current hour)")
    @APIResponse(responseCode = "200", description = "the run's summary; SKIPPED when another run holds the lock or data is too thin")
    public Uni<RunSummary> runNow() {
        return run.run();
    }

    private static int limit(Integer limit, int fallback) {
        return Problems.limit(limit, fallback, MAX_LIMIT);
    }
}
