package io.fxpipeline.ingest.rest;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.price.PriceRepository;
import io.fxpipeline.messaging.rest.CacheFigures;
import io.fxpipeline.messaging.rest.Problems;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.PriceUpdate;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The current price of a pair (cache first, then the last stored tick) and the cache's figures. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "prices")
public class PriceResource {

    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveRedisDataSource redis;
    private final PriceRepository prices;
    private final Pool pool;
    private final IngestConfig config;
    private final MeterRegistry meters;
    private final Channels channels;
    private final MessageCodec codec;

    public PriceResource(ReactiveRedisDataSource redis, PriceRepository prices, Pool pool, IngestConfig config,
            Channels channels, MessageCodec codec, MeterRegistry meters) {
        this.redis = redis;
        this.prices = prices;
        this.pool = pool;
        this.config = config;
        this.meters = meters;
        this.channels = channels;
        this.codec = codec;
    }

    @GET
    @Path("prices/{pair}")
    @Operation(summary = "The latest polled price of a pair (price:{PAIR} in Redis, else the newest stored tick)")
    @APIResponse(responseCode = "200", description = "bid, ask, mid (exact decimal strings), the quote's time and "
            + "whether it is tradeable")
    @APIResponse(responseCode = "404", description = "no price polled for that pair in the last 24 hours")
    @APIResponse(responseCode = "400", description = "not a pair name (problem+json)")
    public Uni<PriceUpdate> price(@PathParam("pair") Pair pair) {
        return redis.value(String.class).get(channels.priceKey(pair))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().recoverWithNull() // Redis down: PostgreSQL still answers
                .chain(cached -> {
                    meters.counter("fx.ingest.cache.requests", "result", cached == null ? "miss" : "hit").increment();
                    if (cached != null) {
                        return Uni.createFrom().item(codec.decode(cached, PriceUpdate.class));
                    }
                    return prices.latest(pool, pair).map(found -> found
                            // the stored tick's time is cut to PostgreSQL's microseconds
                            .map(q -> new PriceUpdate(Instant.now(), q.pair(), q.bid(), q.ask(), q.mid(), q.time(),
                                    q.tradeable()))
                            .orElseThrow(() -> config.pairs().contains(pair)
                                    ? new Problems.NotFound("no price for " + pair + " in the last 24 hours")
                                    : Problems.notTracked("price for " + pair, pair)));
                });
    }

    @GET
    @Path("cache/stats")
    @Operation(summary = "Redis cache figures: hits, misses, memory, cached prices")
    public Uni<Map<String, Object>> cacheStats() {
        return CacheFigures.of(redis, config.pairs().stream().map(channels::priceKey).toList(), "cached_prices",
                config.pairs().size());
    }
}
