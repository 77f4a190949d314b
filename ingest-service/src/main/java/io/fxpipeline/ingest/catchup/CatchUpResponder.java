package io.fxpipeline.ingest.catchup;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.messaging.ChannelSubscription;
import io.fxpipeline.messaging.health.LiveSubscription;
import io.fxpipeline.messaging.publish.Publisher;
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
public class CatchUpResponder implements LiveSubscription {

    /** Long enough for every replica to have seen the request; requests carry their own time, so never reused. */
    private static final Duration CLAIM_TTL = Duration.ofMinutes(10);

    private final Pool pool;
    private final CandleRepository candles;
    private final ReactiveRedisDataSource redis;
    private final Publisher publisher;
    private final Channels channels;
    private final MeterRegistry meters;
    private final MessageCodec codec;
    private final Clock clock = Clock.systemUTC();
    private final ChannelSubscription subscription;
    private final boolean serve;
    private final java.util.Set<Pair> tracked;
    private final ReplayLimits limits;
    /** Replay answers are signed like live messages: consumers check both alike. */
    private final io.fxpipeline.model.signature.CandleSigner signer;
    private final ReplayClaims claims;
    private final java.util.Set<String> requesters;
    private final io.fxpipeline.messaging.guard.RateLimiter rate;
    private final io.fxpipeline.messaging.guard.RepeatedLog refusals = new io.fxpipeline.messaging.guard.RepeatedLog(Duration.ofMinutes(1));

    @jakarta.inject.Inject
    public CatchUpResponder(Pool pool, CandleRepository candles, ReactiveRedisDataSource redis, Publisher publisher,
            MessageCodec codec, IngestConfig config, MeterRegistry meters, ReplayLimits limits,
            io.fxpipeline.model.signature.CandleSigner signer) {
        this.signer = signer;
        this.limits = limits;
        this.claims = new ReplayClaims(redis, new Channels(config.prefix()).replayClaims(), CLAIM_TTL, limits.maxClaims());
        this.requesters = java.util.Set.copyOf(limits.requesters());
        this.rate = new io.fxpipeline.messaging.guard.RateLimiter(limits.rate(), limits.ratePeriod(), 1000);
        this.pool = pool;
        this.candles = candles;
        this.redis = redis;
        this.publisher = publisher;
        this.channels = publisher.channels();
        this.codec = codec;
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

    @Override
    public String channel() {
        return subscription.channel();
    }

    /** Readiness: ingest answers catch-up requests only while subscribed to them. */
    @Override
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
        if (!requesters.contains(r.requester())) {
            return refuse("unknown_requester", "replay request from unknown requester '" + r.requester()
                    + "' dropped (known: " + new java.util.TreeSet<>(requesters) + ")");
        }
        java.util.Optional<Duration> wait = rate.tryAcquire(r.requester());
        if (wait.isPresent()) {
            return refuse("rate_limited", "replay requests of " + r.requester() + " exceed " + limits.rate() + " per "
                    + limits.ratePeriod().toSeconds() + " s; dropped (the requester asks again when its replay is overdue)");
        }
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

    private Uni<Void> refuse(String reason, String message) {
        meters.counter("fx.ingest.replays.refused", "reason", reason).increment();
        refusals.error(reason, message);
        return Uni.createFrom().voidItem();
    }

    /** True when this replica is the first to claim the request (a digest of its exact payload). */
    private Uni<Boolean> claim(String payload) {
        return claims.claim(digest(payload))
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
        return candles.replayPage(pool, pair, request.granularity(), request.sinceSeq(), request.since(), limits.maxRows())
                .chain(replay -> {
                    Log.debugf("replaying %d candles of %s to %s", replay.candles().size(), pair, request.requester());
                    if (replay.candles().isEmpty()) {
                        // an empty answer still states the series' number: it closes phantom holes
                        return publisher.publish(channels.dataReady(), signer.sign(CandlesReady.replayPage(clock.instant(),
                                pair, request.granularity(), replay.seq(), replay.throughSeq(), request.requester(), false,
                                List.of())));
                    }
                    return publisher.publishChunked(channels.dataReady(), replay.candles(), (chunk, last) ->
                            signer.sign(CandlesReady.replayPage(clock.instant(), pair, request.granularity(), replay.seq(),
                                    replay.throughSeq(), request.requester(), !last, chunk)));
                })
                .onFailure().invoke(f -> Log.errorf(f, "could not answer the replay of %s for %s", pair, request.requester()))
                .onFailure().recoverWithNull();
    }
}
