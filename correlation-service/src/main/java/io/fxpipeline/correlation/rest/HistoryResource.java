package io.fxpipeline.correlation.rest;

import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.store.CorrelationRepository.PairHistoryPoint;
import io.fxpipeline.correlation.store.HistoryRepository;
import io.fxpipeline.messaging.rest.Problems;
import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** r of two pairs over time, from the stored daily (and on-demand) matrices. */
@Path("/correlation/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "correlation")
public class HistoryResource {

    /** Ten years of daily matrices. */
    static final int MAX_LIMIT = 3660;

    private final HistoryRepository history;
    private final Pool pool;
    private final CorrelationConfig config;

    public HistoryResource(HistoryRepository history, Pool pool, CorrelationConfig config) {
        this.history = history;
        this.pool = pool;
        this.config = config;
    }

    @GET
    @Operation(summary = "r of two pairs per stored as-of time in [from, to), oldest first")
    @APIResponse(responseCode = "200", description = "as_of, correlation (null: too few common returns), observations")
    @APIResponse(responseCode = "400", description = "a pair missing or malformed, the same pair twice, a bad instant, from not before to, or a bad limit")
    @APIResponse(responseCode = "404", description = "none stored, and a pair is not tracked (FX_PAIRS)")
    public Uni<List<PairHistoryPoint>> history(
            @Parameter(description = "first pair, e.g. EUR_USD", required = true) @QueryParam("pair_a") String pairA,
            @Parameter(description = "second pair, e.g. USD_CHF (order does not matter)", required = true) @QueryParam("pair_b") String pairB,
            @Parameter(description = "ISO-8601 instant, inclusive (default: the beginning)") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive (default: no end)") @QueryParam("to") String to,
            @Parameter(description = "at most this many points, 1-3660 (default 366)") @QueryParam("limit") Integer limit) {
        Pair a = Problems.pair(required("pair_a", pairA));
        Pair b = Problems.pair(required("pair_b", pairB));
        if (a.equals(b)) {
            throw new Problems.BadRequest("pair_a and pair_b must differ (a pair's correlation with itself is 1)");
        }
        Instant start = from == null ? Instant.EPOCH : Problems.instant("from", from);
        Instant end = to == null ? Instant.parse("9999-12-31T00:00:00Z") : Problems.instant("to", to);
        if (!start.isBefore(end)) {
            throw new Problems.BadRequest("from must be before to");
        }
        return history.history(pool, a, b, start, end, Problems.limit(limit, 366, MAX_LIMIT))
                .map(found -> Problems.unlessUntracked(found, "correlation of " + a + " and " + b, config.pairs(), a, b));
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new Problems.BadRequest(name + " is required, e.g. " + name + "=EUR_USD");
        }
        return value;
    }
}
