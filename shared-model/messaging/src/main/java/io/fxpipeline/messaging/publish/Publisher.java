package io.fxpipeline.messaging.publish;

import io.fxpipeline.messaging.alert.AlertStream;
import io.fxpipeline.messaging.config.ServiceConfig;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.Message;
import io.fxpipeline.model.message.MetricsReady;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Puts contract messages on the service's channels: encoded once by the codec, published with a timeout, large
 * batches split into messages of at most {@link CandlesReady#MAX_CANDLES} items. A failed publish is counted
 * ({@code fx.<service>.publish.failed}, tagged by channel) and passed on: the caller decides whether it matters
 * (PostgreSQL is written first, so consumers catch up by replay).
 */
@ApplicationScoped
public class Publisher {

    /** Longest a publish may wait for Redis. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final Channels channels;
    private final MessageCodec codec;
    private final MeterRegistry meters;
    private final String failedMeter;
    private final AlertStream alertStream;

    public Publisher(ReactiveRedisDataSource redis, Channels channels, MessageCodec codec, MeterRegistry meters,
            ServiceConfig config) {
        this.redis = redis;
        this.channels = channels;
        this.codec = codec;
        this.meters = meters;
        this.failedMeter = config.meterPrefix() + ".publish.failed";
        this.alertStream = new AlertStream(redis, channels);
    }

    /** The channel names and cache keys of this service (the configured prefix applied). */
    public Channels channels() {
        return channels;
    }

    /** Publishes one message on a channel. */
    public Uni<Void> publish(String channel, Message message) {
        return redis.pubsub(String.class).publish(channel, codec.encode(message))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().invoke(f -> meters.counter(failedMeter, "channel", channel).increment());
    }

    /**
     * Publishes an alert on its channel, then appends it to the capped {@code alerts} stream ({@link AlertStream}), so
     * a client that was away reads it with XREAD. The publisher stored it first (PostgreSQL is the source of truth).
     */
    public Uni<Void> publishAlert(String channel, Message alert) {
        String payload = codec.encode(alert);
        return redis.pubsub(String.class).publish(channel, payload)
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().invoke(f -> meters.counter(failedMeter, "channel", channel).increment())
                .chain(() -> alertStream.append(alert, payload)).replaceWithVoid();
    }

    /** Publishes messages one after the other, in order; stops at the first failure. */
    public Uni<Void> publishAll(String channel, List<? extends Message> messages) {
        return Multi.createFrom().iterable(messages)
                .onItem().transformToUniAndConcatenate(m -> publish(channel, m))
                .collect().last().replaceWithVoid();
    }

    /**
     * Publishes {@code items} in order, in messages of at most {@link CandlesReady#MAX_CANDLES}; {@code part} builds
     * the message of one chunk and is told whether it is the last one.
     */
    public <T> Uni<Void> publishChunked(String channel, List<T> items, BiFunction<List<T>, Boolean, Message> part) {
        List<List<T>> chunks = chunks(items);
        List<Message> messages = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            messages.add(part.apply(chunks.get(i), i == chunks.size() - 1));
        }
        return publishAll(channel, messages);
    }

    /** Stores of more candles than this are bulk loads (a backfill page, a replay's history): sent in bulk chunks. */
    public static final int BULK_FROM = MetricsReady.MAX_ROWS_CARRIED; // one bulk threshold for candles and metrics
    /** Most candles in one bulk chunk. */
    public static final int MAX_BULK_CANDLES = 5_000;
    /**
     * Most characters a bulk chunk's candles may take as JSON: the codec's payload limit, which consumers apply, less
     * 64 KiB for the envelope and any field added to it.
     */
    public static final int MAX_BULK_CHARS = MessageCodec.DEFAULT_MAX_BYTES - (64 << 10);

    /**
     * The messages of one store: {@link #chunks} for up to {@link #BULK_FROM} candles (live hours and pages keep their
     * small messages); a bulk load in chunks of up to {@link #MAX_BULK_CANDLES} whose JSON stays under
     * {@link #MAX_BULK_CHARS}, since each chunk costs a transaction and a message (ten times fewer of both).
     */
    public static List<List<Candle>> candleChunks(List<Candle> candles) {
        if (candles.size() <= BULK_FROM) {
            return chunks(candles);
        }
        List<List<Candle>> chunks = new ArrayList<>();
        int from = 0;
        long chars = 0;
        for (int i = 0; i < candles.size(); i++) {
            int length = jsonLength(candles.get(i));
            if (i > from && (i - from == MAX_BULK_CANDLES || chars + length > MAX_BULK_CHARS)) {
                chunks.add(candles.subList(from, i));
                from = i;
                chars = 0;
            }
            chars += length;
        }
        chunks.add(candles.subList(from, candles.size()));
        return chunks;
    }

    /** An upper bound of a candle's JSON: field names and separators, a time of nanosecond precision, a long, four prices. */
    static int jsonLength(Candle c) {
        return 104 + price(c.open()) + price(c.high()) + price(c.low()) + price(c.close());
    }

    private static int price(java.math.BigDecimal p) {
        // plain notation: the digits, a point, a sign and the zeros between the point and the digits
        return p.precision() + 2 + Math.max(0, p.scale() - p.precision() + 1) + Math.max(0, -p.scale());
    }

    /** {@code items} as consecutive views of at most {@link CandlesReady#MAX_CANDLES}; none for an empty list. */
    public static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += CandlesReady.MAX_CANDLES) {
            chunks.add(items.subList(from, Math.min(items.size(), from + CandlesReady.MAX_CANDLES)));
        }
        return chunks;
    }
}
