package io.fxpipeline.ingest.service;

import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.messaging.guard.RepeatedLog;
import io.fxpipeline.messaging.publish.Publisher;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.signature.CandleSigner;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The one way candles enter the pipeline: validated candles of one series are upserted in chunks (bulk loads in
 * bulk chunks, {@link Publisher#candleChunks}), each chunk in its own transaction with its own sequence number, and published on data_ready after its commit
 * (PostgreSQL first, then the message). Re-storing the same candles changes and publishes nothing.
 */
@ApplicationScoped
public class CandleIngestion {

    private final Pool pool;
    private final CandleRepository candles;
    private final Publisher publisher;
    private final Channels channels;
    private final Clock clock = Clock.systemUTC();
    private final RepeatedLog unannounced = new RepeatedLog(Duration.ofMinutes(1));
    private final MeterRegistry meters;

    private final CandleSigner signer;

    public CandleIngestion(Pool pool, CandleRepository candles, Publisher publisher, MeterRegistry meters,
            CandleSigner signer) {
        this.signer = signer;
        this.pool = pool;
        this.candles = candles;
        this.publisher = publisher;
        this.channels = publisher.channels();
        this.meters = meters;
    }

    /** How many candles were new or changed (stored and published) of how many offered. */
    public record Result(int offered, int stored) {
    }

    /** @param validated complete, valid candles of one series, ascending by time, no duplicates */
    public Uni<Result> store(Pair pair, Granularity granularity, String source, List<Candle> validated) {
        return Multi.createFrom().iterable(Publisher.candleChunks(validated))
                // each chunk made into objects once (a replay's history is packed): the statement and the message share
                // them, and each price's text, which BigDecimal keeps once written
                .onItem().transformToUniAndConcatenate(chunk -> storeChunk(pair, granularity, source, List.copyOf(chunk)))
                .collect().asList()
                .map(counts -> new Result(validated.size(), counts.stream().mapToInt(Integer::intValue).sum()))
                .invoke(r -> meters.counter("fx.ingest.candles.stored", "pair", pair.name()).increment(r.stored()));
    }

    private Uni<Integer> storeChunk(Pair pair, Granularity granularity, String source, List<Candle> chunk) {
        return pool.withTransaction(tx -> candles.upsert(tx, pair, granularity, source, chunk))
                .call(stored -> stored.candles().isEmpty() ? Uni.createFrom().voidItem()
                        : publisher.publish(channels.dataReady(), signer.sign(CandlesReady.live(clock.instant(), pair,
                                        granularity, stored.seq(), stored.candles())))
                                // Stored but not announced: consumers find the gap by seq at the series' next message
                                // (or their start-up catch-up) and ask for a replay; counted per message, said once a
                                // minute per kind of failure (a Redis outage fails every pair's every store).
                                .onFailure().invoke(f -> {
                                    meters.counter("fx.ingest.announcements.failed", "pair", pair.name()).increment();
                                    unannounced.warn("unannounced:" + f.getClass().getName(), String.format(
                                            "%s %s seq %d stored but not announced on %s (consumers catch up by replay): %s",
                                            pair, granularity, stored.seq(), channels.dataReady(), f.getMessage()));
                                })
                                .onFailure().recoverWithNull())
                .map(stored -> stored.candles().size());
    }
}
