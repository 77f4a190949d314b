package io.fxpipeline.ingest.rest;

import io.fxpipeline.messaging.rest.Problems;
import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
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
import java.util.List;

/** Stored candles of a pair. */
@Path("/candles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "candles")
public class CandleResource {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;

    private final CandleRepository candles;
    private final Pool pool;
    private final IngestConfig config;

    public CandleResource(CandleRepository candles, Pool pool, IngestConfig config) {
        this.candles = candles;
        this.pool = pool;
        this.config = config;
    }

    @GET
    @Path("{pair}")
    @Operation(summary = "Complete candles of a pair with open time in [from, to), ascending, at most limit; "
            + "without from, the newest limit before to")
    @APIResponse(responseCode = "200", description = "candles; prices are exact decimal strings")
    @APIResponse(responseCode = "400", description = "bad pair, granularity, time, range or limit (problem+json)")
    @APIResponse(responseCode = "404", description = "none stored, and the pair is not tracked (FX_PAIRS)")
    public Uni<List<Candle>> candles(@PathParam("pair") @Parameter(example = "EUR_USD") Pair pair,
            @QueryParam("granularity") @Parameter(description = "default: the service's (H1)") String granularity,
            @QueryParam("from") @Parameter(description = "ISO-8601 instant, inclusive; absent: the newest candles") Instant from,
            @QueryParam("to") @Parameter(description = "ISO-8601 instant, exclusive") Instant to,
            @QueryParam("limit") @Parameter(description = "1 to 5000, default 500") Integer limit) {
        Granularity g = Problems.granularity(granularity, config.granularity());
        Instant start = from == null ? Instant.EPOCH : from;
        Instant end = to == null ? Instant.parse("9999-01-01T00:00:00Z") : to;
        if (!start.isBefore(end)) {
            throw new Problems.BadRequest("from must be before to");
        }
        int n = Problems.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        // Without a start a person wants the latest candles, not the first of a year of history.
        return (from == null ? candles.newest(pool, pair, g, end, n) : candles.range(pool, pair, g, start, end, n))
                .map(found -> Problems.unlessUntracked(found, "candles of " + pair, config.pairs(), pair));
    }
}
