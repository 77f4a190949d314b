package io.fxpipeline.correlation.rest;

import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.messaging.rest.CacheFigures;
import io.fxpipeline.model.Channels;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** The cache figures of the correlation service: Redis hits, misses, memory, and whether its two keys are set. */
@Path("/cache/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cache")
public class CacheResource {

    private final ReactiveRedisDataSource redis;
    private final CorrelationConfig config;
    private final Channels channels;

    public CacheResource(ReactiveRedisDataSource redis, CorrelationConfig config, Channels channels) {
        this.redis = redis;
        this.config = config;
        this.channels = channels;
    }

    @GET
    @Operation(summary = "Redis cache figures: hits, misses, memory, cached results (matrix, best pairs)")
    public Uni<Map<String, Object>> cacheStats() {
        return CacheFigures.of(redis, List.of(channels.correlationMatrixKey(), channels.bestPairsKey()), "cached_results",
                config.pairs().size());
    }
}
