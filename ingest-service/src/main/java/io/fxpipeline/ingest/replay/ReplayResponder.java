package io.fxpipeline.ingest.replay;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.messaging.ChannelSubscription;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.ReplayRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Answers replay_requests: re-publishes the requested candles on data_ready, addressed to the requester,
 * in chunks marked {@code more} until the last, carrying the series' sequence number as of the read.
 * Every ingest replica receives every request; the one that claims it in Redis first answers, so a request is
 * answered once however many replicas run. A claim outlives no answer: a replica that dies mid-answer leaves
 * the consumer to ask again (a new request, a new claim) once its replay timeout passes.
 */
@ApplicationScoped
public class ReplayResponder {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough for every replica to have seen the request; requests carry their own time, so never reused. */
    private static final Duration CLAIM_TTL = Duration.ofMinutes(10);

    private final Pool pool;
    private final CandleRepository candles;
    private final ReactiveRedisDataSource redis;
    private final Channels channels;
    private final MeterRegistry meters;
    private final MessageCodec codec = new MessageCodec();
    private final Clock clock = Clock.systemUTC();
    private final ChannelSubscription subscription;
    private final boolean serve;
    private final java.util.Set<Pair> tracked;

    public ReplayResponder(Pool pool, CandleRepository candles, ReactiveRedisDataSource redis, IngestConfig config,
            MeterRegistry meters) {
        this.pool = pool;
        this.candles = candles;
        this.redis = redis;
        this.channels = new Channels(config.prefix());
        this.meters = meters;
        this.subscription = new ChannelSubscription(redis, channels.replayRequests(), this::handle, () -> { });
        this.serve = config.serve();
        this.tracked = java.util.Set.copyOf(config.pairs());
    }

    void onStart(@Observes StartupEvent event) {
        if (!serve) {
            return; // a one-off command answers no replay requests
        }
        subscription.start().await().atMost(Duration.ofSeconds(30));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (!serve) {
            return;
        }
        subscription.stop().await().atMost(Duration.ofSeconds(5));
    }

    public boolean alive() {
        return subscription.alive();
    }

    Uni<Void> handle(String payload) {
        ReplayRequest request;
        try {
            request = codec.decode(payload, ReplayRequest.class);
        } catch (MalformedMessageException e) {
            Log.warnf("rejected a %s message: %s", channels.replayRequests(), e.getMessage());
            meters.counter("fx.ingest.messages.rejected", "reason", e.field()).increment();
            return Uni.createFrom().voidItem();
        }
        ReplayRequest r = request;
        return claim(payload).chain(mine -> {
            if (!mine) {
                meters.counter("fx.ingest.replays.answered.elsewhere").increment();
                return Uni.createFrom().voidItem();
            }
            meters.counter("fx.ingest.replays.answered").increment();
            // each tracked pair once, however the request lists them: a request never costs more than one read a pair
            List<Pair> pairs = r.pairs().stream().distinct().filter(tracked::contains).toList();
            if (pairs.size() < r.pairs().size()) {
                Log.debugf("replay request of %s lists pairs twice or untracked ones; answering %s", r.requester(), pairs);
            }
            return Multi.createFrom().iterable(pairs)
                    .onItem().transformToUniAndConcatenate(pair -> answer(r, pair))
                    .collect().last().replaceWithVoid();
        });
    }

    /** True when this replica is the first to claim the request (SET NX on a digest of its exact payload). */
    private Uni<Boolean> claim(String payload) {
        String key = channels.replayClaimKey(digest(payload));
        return redis.execute("SET", key, "1", "NX", "EX", String.valueOf(CLAIM_TTL.toSeconds()))
                .ifNoItem().after(PUBLISH_TIMEOUT).fail()
                .map(response -> response != null)
                // Redis unreachable means the answer could not be published either; answering costs nothing.
                .onFailure().recoverWithItem(true);
    }

    private static String digest(String payload) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private Uni<Void> answer(ReplayRequest request, Pair pair) {
        return candles.replay(pool, pair, request.granularity(), request.sinceSeq(), request.since())
                .chain(replay -> {
                    List<io.fxpipeline.model.message.Candle> all = replay.candles();
                    int chunks = (all.size() + CandlesReady.MAX_CANDLES - 1) / CandlesReady.MAX_CANDLES;
                    Log.debugf("replaying %d candles of %s to %s", all.size(), pair, request.requester());
                    return Multi.createFrom().range(0, chunks)
                            .onItem().transformToUniAndConcatenate(i -> redis.pubsub(String.class).publish(
                                    channels.dataReady(), codec.encode(CandlesReady.replay(clock.instant(), pair,
                                            request.granularity(), replay.seq(), request.requester(), i < chunks - 1,
                                            all.subList(i * CandlesReady.MAX_CANDLES,
                                                    Math.min(all.size(), (i + 1) * CandlesReady.MAX_CANDLES)))))
                                    .ifNoItem().after(PUBLISH_TIMEOUT).fail())
                            .collect().last().replaceWithVoid();
                })
                .onFailure().invoke(f -> Log.errorf(f, "could not answer the replay of %s for %s", pair, request.requester()))
                .onFailure().recoverWithNull();
    }
}
