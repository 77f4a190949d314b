package io.fxpipeline.analytics.rest;

import io.fxpipeline.analytics.config.AnalyticsConfig;
import io.fxpipeline.analytics.service.MetricsPipeline;
import io.fxpipeline.analytics.store.AnalyticsRepository;
import io.fxpipeline.messaging.rest.CacheFigures;
import io.fxpipeline.messaging.rest.Problems;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Read volatility metrics; cache figures; recompute a pair. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "metrics")
public class MetricsResource {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;

    private final AnalyticsRepository repository;
    private final MetricsPipeline pipeline;
    private final ReactiveRedisDataSource redis;
    private final AnalyticsConfig config;
    private final Channels channels;
    private final io.fxpipeline.messaging.rest.InFlight recomputes = new io.fxpipeline.messaging.rest.InFlight();

    public MetricsResource(AnalyticsRepository repository, MetricsPipeline pipeline, ReactiveRedisDataSource redis,
            AnalyticsConfig config, Channels channels) {
        this.repository = repository;
        this.pipeline = pipeline;
        this.redis = redis;
        this.config = config;
        this.channels = channels;
    }

    @GET
    @Path("metrics/{pair}/latest")
    @Operation(summary = "The newest metrics row of a pair (H1)")
    @APIResponse(responseCode = "200", description = "metrics; a window not yet full is null")
    @APIResponse(responseCode = "404", description = "no metrics for that pair yet, or a pair not tracked")
    @APIResponse(responseCode = "400", description = "not a pair name")
    public Uni<VolatilityMetrics> latest(@PathParam("pair") Pair pair) {
        return repository.latest(pair, config.granularity())
                .map(found -> found.orElseThrow(() -> new Problems.NotFound(config.pairs().contains(pair)
                        ? "no metrics for " + pair + " yet"
                        : "no metrics for " + pair + ": it is not one of the tracked pairs (FX_PAIRS)")));
    }

    @GET
    @Path("metrics/{pair}")
    @Operation(summary = "Metrics of a pair in [from, to), ascending, at most limit rows; without from, the newest "
            + "limit rows before to")
    @APIResponse(responseCode = "200", description = "metrics rows")
    @APIResponse(responseCode = "400", description = "bad pair, time or range")
    @APIResponse(responseCode = "404", description = "none stored, and the pair is not tracked (FX_PAIRS)")
    public Uni<List<VolatilityMetrics>> range(@PathParam("pair") Pair pair, @QueryParam("from") Instant from,
            @QueryParam("to") Instant to, @QueryParam("limit") Integer limit) {
        Instant start = from == null ? Instant.EPOCH : from;
        Instant end = to == null ? Instant.parse("9999-01-01T00:00:00Z") : to;
        if (!start.isBefore(end)) {
            throw new Problems.BadRequest("from must be before to");
        }
        int n = Problems.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        // Without a start a person wants the latest rows, not the first of a year of history.
        return (from == null ? repository.newestMetrics(pair, config.granularity(), end, n)
                : repository.metrics(pair, config.granularity(), start, end, n))
                .map(found -> Problems.unlessUntracked(found, "metrics of " + pair, config.pairs(), pair));
    }

    @GET
    @Path("cache/stats")
    @Operation(summary = "Redis cache figures: hits, misses, memory, cached pairs")
    public Uni<Map<String, Object>> cacheStats() {
        return CacheFigures.of(redis, config.pairs().stream().map(channels::metricsKey).toList(), "cached_pairs",
                config.pairs().size());
    }

    @POST
    @Path("admin/recompute/{pair}")
    @Operation(summary = "Recompute every metric of a pair from the candles analytics holds (admin token)")
    @APIResponse(responseCode = "409", description = "a recompute of this pair is already running")
    @APIResponse(responseCode = "404", description = "no candles held, and the pair is not tracked (FX_PAIRS)")
    public Uni<Map<String, Object>> recompute(@PathParam("pair") Pair pair) {
        return recomputes.exclusive(pair.name(), "a recompute of " + pair, () -> pipeline.recomputeAll(pair, config.granularity()))
                .map(rows -> {
                    if (rows == 0 && !config.pairs().contains(pair)) {
                        throw Problems.notTracked("candles of " + pair + " to recompute", pair);
                    }
                    return Map.of("pair", pair.name(), "rows", rows);
                });
    }
}
