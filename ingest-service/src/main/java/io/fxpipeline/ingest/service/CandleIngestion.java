package io.fxpipeline.ingest.service;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The one way candles enter the pipeline: validated candles of one series are upserted in chunks, each chunk
 * in its own transaction with its own sequence number, and published on data_ready after its commit
 * (PostgreSQL first, then the message). Re-storing the same candles changes and publishes nothing.
 */
@ApplicationScoped
public class CandleIngestion {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    private final Pool pool;
    private final CandleRepository candles;
    private final ReactiveRedisDataSource redis;
    private final Channels channels;
    private final MessageCodec codec = new MessageCodec();
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meters;

    public CandleIngestion(Pool pool, CandleRepository candles, ReactiveRedisDataSource redis, IngestConfig config,
            MeterRegistry meters) {
        this.pool = pool;
        this.candles = candles;
        this.redis = redis;
        this.channels = new Channels(config.prefix());
        this.meters = meters;
    }

    /** How many candles were new or changed (stored and published) of how many offered. */
    public record Result(int offered, int stored) {
    }

    /** @param validated complete, valid candles of one series, ascending by time, no duplicates */
    public Uni<Result> store(Pair pair, Granularity granularity, String source, List<Candle> validated) {
        int chunks = (validated.size() + CandlesReady.MAX_CANDLES - 1) / CandlesReady.MAX_CANDLES;
        return Multi.createFrom().range(0, chunks)
                .onItem().transformToUniAndConcatenate(i -> storeChunk(pair, granularity, source, validated.subList(
                        i * CandlesReady.MAX_CANDLES, Math.min(validated.size(), (i + 1) * CandlesReady.MAX_CANDLES))))
                .collect().asList()
                .map(counts -> new Result(validated.size(), counts.stream().mapToInt(Integer::intValue).sum()))
                .invoke(r -> meters.counter("fx.ingest.candles.stored", "pair", pair.name()).increment(r.stored()));
    }

    private Uni<Integer> storeChunk(Pair pair, Granularity granularity, String source, List<Candle> chunk) {
        return pool.withTransaction(tx -> candles.upsert(tx, pair, granularity, source, chunk))
                .call(stored -> stored.candles().isEmpty() ? Uni.createFrom().voidItem()
                        : redis.pubsub(String.class).publish(channels.dataReady(), codec.encode(CandlesReady.live(
                                clock.instant(), pair, granularity, stored.seq(), stored.candles())))
                                .ifNoItem().after(PUBLISH_TIMEOUT).fail()
                                // Stored but not announced: consumers find the gap by seq at the series' next message
                                // (or their start-up catch-up) and ask for a replay; said and counted here.
                                .onFailure().invoke(f -> {
                                    meters.counter("fx.ingest.announcements.failed", "pair", pair.name()).increment();
                                    Log.warnf("%s %s seq %d stored but not announced on %s: %s", pair, granularity,
                                            stored.seq(), channels.dataReady(), f.getMessage());
                                })
                                .onFailure().recoverWithNull())
                .map(stored -> stored.candles().size());
    }
}
