package io.fxpipeline.messaging;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.Message;
import io.fxpipeline.model.message.ReplayRequest;
import io.fxpipeline.model.sequence.SequenceTracker;
import io.fxpipeline.model.sequence.Series;
import io.fxpipeline.model.signature.CandleVerifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The catch-up mechanism analytics and correlation share: it receives {@code data_ready} candles, hands the ones
 * for this consumer to the service's {@link Sink}, persists how far it is complete, and asks ingest for a replay
 * on start, after a gap, after a reconnect, after a message it could not apply, and again when a replay does not
 * arrive. Malformed messages are logged with the reason, counted ({@code fx.<service>.messages.rejected}) and
 * dropped; so are candle messages without ingest's valid signature when a {@link CandleVerifier} key is set (reason
 * {@code unsigned} or {@code bad_signature}), before their sequence numbers can open a hole.
 */
public final class CandleStreamConsumer {

    /** What the service does with candles it has to apply (store, compute); must be idempotent. */
    @FunctionalInterface
    public interface Sink {
        Uni<Void> apply(CandlesReady message);
    }

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SINK_FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration SINK_MAX_BACKOFF = Duration.ofSeconds(2);
    private static final int SINK_RETRIES = 3;
    static final int IN_FLIGHT = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    private final String requester;
    private final Set<Pair> pairs;
    private final Granularity granularity;
    private final Channels channels;
    private final MessageCodec codec;
    private final ReactiveRedisDataSource redis;
    private final PositionStore positions;
    private final Sink sink;
    private final Clock clock;
    private final SequenceTracker tracker;
    private final MeterRegistry meters;
    private final String metricPrefix;
    private final Counter replaysRequested;
    private final Counter applied;
    private final Counter failed;
    private final ChannelSubscription subscription;
    private final CandleGate gate;
    private final io.fxpipeline.messaging.guard.RepeatedLog applyFailures =
            new io.fxpipeline.messaging.guard.RepeatedLog(Duration.ofMinutes(1));
    private final CandleVerifier verifier;
    private final io.fxpipeline.messaging.guard.RepeatedLog forgeries =
            new io.fxpipeline.messaging.guard.RepeatedLog(Duration.ofMinutes(1));

    private final CatchUpHoleWatch holes;
    private final InFlightLimit inFlight = new InFlightLimit(IN_FLIGHT);

    /** A consumer that does not check candle signatures nor announce holes (tests of the catch-up protocol). */
    public CandleStreamConsumer(String requester, List<Pair> pairs, Granularity granularity, Channels channels,
            ReactiveRedisDataSource redis, PositionStore positions, Sink sink, MeterRegistry meters,
            String metricPrefix, Duration replayTimeout, Clock clock) {
        this(requester, pairs, granularity, channels, redis, positions, sink, meters, metricPrefix, replayTimeout, clock,
                null, CandleVerifier.none());
    }

    /**
     * A consumer that announces on {@code system_alerts} a hole no replay fills ({@link CatchUpHoleWatch}; none when
     * {@code alerts} is null) and refuses candle messages whose signature {@code verifier} does not accept.
     */
    public CandleStreamConsumer(String requester, List<Pair> pairs, Granularity granularity, Channels channels,
            ReactiveRedisDataSource redis, PositionStore positions, Sink sink, MeterRegistry meters,
            String metricPrefix, Duration replayTimeout, Clock clock, io.fxpipeline.messaging.alert.SystemAlerts alerts,
            CandleVerifier verifier) {
        this.holes = alerts == null ? null : new CatchUpHoleWatch(requester, alerts, replayTimeout);
        this.verifier = verifier;
        this.requester = requester;
        this.pairs = Set.copyOf(pairs);
        this.granularity = granularity;
        this.channels = channels;
        this.codec = new MessageCodec();
        this.redis = redis;
        this.positions = positions;
        this.sink = sink;
        this.clock = clock;
        this.tracker = new SequenceTracker(requester, replayTimeout);
        this.meters = meters;
        this.metricPrefix = metricPrefix;
        this.replaysRequested = meters.counter(metricPrefix + ".replays.requested");
        this.applied = meters.counter(metricPrefix + ".candle.messages.applied");
        this.failed = meters.counter(metricPrefix + ".candle.messages.failed");
        this.gate = new CandleGate(granularity, meters, metricPrefix);
        // the pairs' lanes decode and compute on every core the service has (a bulk load is CPU work)
        this.subscription = new ChannelSubscription(redis, channels.dataReady(), this::handle,
                this::orderKey, this::catchUp, ChannelSubscription.MAX_PENDING, ChannelSubscription.MAX_PENDING_CHARS,
                Runtime.getRuntime().availableProcessors());
    }

    /** Restores positions, subscribes, then asks for everything missed while this service was down. */
    public Uni<Void> start() {
        return positions.load()
                .invoke(stored -> stored.forEach(tracker::restore))
                .chain(subscription::start)
                .chain(() -> requestCatchUp());
    }

    public Uni<Void> stop() {
        return subscription.stop();
    }

    /** The channel consumed (data_ready, prefix included). */
    public String channel() {
        return subscription.channel();
    }

    /** Readiness: the subscription is established. */
    public boolean alive() {
        return subscription.alive();
    }

    public int openGaps() {
        return tracker.openGaps();
    }

    /** Re-asks for replays that did not arrive in time, and announces holes open too long or closed; call periodically. */
    public Uni<Void> requestOverdueReplays() {
        return Multi.createFrom().iterable(tracker.overdue(clock.instant()))
                .onItem().transformToUniAndConcatenate(due -> request(List.of(due.series().pair()), null, due.sinceSeq()))
                .collect().last().replaceWithVoid()
                .chain(() -> holes == null ? Uni.createFrom().voidItem() : holes.check(tracker.holes(), clock.instant()));
    }

    private static final java.util.regex.Pattern PAIR = java.util.regex.Pattern.compile("\"pair\"\\s*:\\s*\"([^\"]{1,16})\"");

    /**
     * A series' messages must be applied in order; different pairs need not wait for each other. The key is read
     * without decoding (the handler decodes once). Only tracked pairs get a key of their own, so the number of
     * parallel lanes stays bounded whatever arrives; everything else shares the "" lane and is dropped there.
     */
    String orderKey(String payload) {
        if (codec.isAnotherType(payload, CandlesReady.TYPE)) {
            return null; // the services' own metrics on data_ready: dropped on arrival, never queued
        }
        java.util.regex.Matcher m = PAIR.matcher(payload);
        if (m.find()) {
            for (Pair pair : pairs) {
                if (pair.name().equals(m.group(1))) {
                    return pair.name();
                }
            }
        }
        return "";
    }

    /**
     * Handles one raw payload of {@code data_ready}; never fails. At most {@link #IN_FLIGHT} payloads are decoded and
     * applied at once, whatever the number of lanes: enough to keep every core and the database busy.
     */
    public Uni<Void> handle(String payload) {
        return inFlight.run(() -> handleNow(payload));
    }

    private Uni<Void> handleNow(String payload) {
        Message message;
        try {
            // another type (the services' own metrics) never gets here: orderKey dropped it on arrival
            message = codec.decode(payload);
        } catch (MalformedMessageException e) {
            Log.warnf("rejected a %s message: %s", channels.dataReady(), e.getMessage());
            meters.counter(metricPrefix + ".messages.rejected", "reason", e.field()).increment();
            return Uni.createFrom().voidItem();
        }
        if (!(message instanceof CandlesReady candles) || !pairs.contains(candles.pair())
                || candles.granularity() != granularity) {
            return Uni.createFrom().voidItem(); // other types and series on the channel are not ours
        }
        CandleVerifier.Verdict verdict = verifier.verify(candles);
        if (!verdict.accepted()) {
            return rejectForged(candles, verdict);
        }
        Instant now = clock.instant();
        SequenceTracker.Decision decision = tracker.onCandles(candles, now);
        if (!decision.apply()) {
            return Uni.createFrom().voidItem();
        }
        Series series = new Series(candles.pair(), candles.granularity());
        java.util.Optional<CandlesReady> admitted = gate.admit(candles, now);
        if (admitted.isEmpty()) {
            return afterApplied(candles, series, decision); // nothing left to store, nothing to ask for again
        }
        return sink.apply(admitted.get())
                // The sink is idempotent, so a passing hiccup (a dropped connection, a failover) is retried here.
                .onFailure(f -> !unprocessable(f)).retry().withBackOff(SINK_FIRST_BACKOFF, SINK_MAX_BACKOFF).atMost(SINK_RETRIES)
                .invoke(() -> applied.increment())
                .replaceWith(true)
                .onFailure(CandleStreamConsumer::unprocessable).recoverWithUni(failure -> rejectUnprocessable(candles, failure))
                .onFailure().recoverWithUni(failure -> notApplied(candles, failure).replaceWith(false))
                .chain(stored -> stored ? afterApplied(candles, series, decision) : Uni.createFrom().voidItem());
    }

    /**
     * A failure caused by the message itself (the service's computation refused its data, or PostgreSQL rejected a
     * value: SQLSTATE class 22 data exception, 23 constraint violation). A replay would bring the same data and
     * fail the same way, so it is not retried; anything else (connections, timeouts, permissions) is the
     * environment, and the message is replayed until it can be stored.
     */
    static boolean unprocessable(Throwable failure) {
        if (failure instanceof IllegalArgumentException) {
            return true;
        }
        return failure instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
    }

    /**
     * Not from ingest: never stored, never asked for again, its seq never seen by the tracker. Logged once a minute per
     * pair and verdict (a flood must not flood the log), counted every time.
     */
    private Uni<Void> rejectForged(CandlesReady candles, CandleVerifier.Verdict verdict) {
        meters.counter(metricPrefix + ".messages.rejected", "reason", verdict.tag()).increment();
        forgeries.error(candles.pair() + " " + verdict, String.format("rejected a %s candles message for %s %s seq %d "
                + "(%d candles, %s): %s", candles.isReplay() ? "replay" : "live", candles.pair(), candles.granularity(),
                candles.seq(), candles.count(), channels.dataReady(), verdict == CandleVerifier.Verdict.UNSIGNED
                        ? "it carries no signature" : "its signature is not ingest's (forged, tampered or another key)"));
        return Uni.createFrom().voidItem();
    }

    /** Logged with pair and seq, counted as a rejected message, and passed over like a malformed one. */
    private Uni<Boolean> rejectUnprocessable(CandlesReady candles, Throwable failure) {
        meters.counter(metricPrefix + ".messages.rejected", "reason", "unprocessable").increment();
        Log.errorf("rejected %s %s seq %d (%d candles from %s to %s): its data cannot be stored: %s", candles.pair(),
                candles.granularity(), candles.seq(), candles.count(), candles.candles().get(0).time(),
                candles.candles().get(candles.candles().size() - 1).time(), failure.getMessage());
        return Uni.createFrom().item(true);
    }

    private Uni<Void> afterApplied(CandlesReady candles, Series series, SequenceTracker.Decision decision) {
        if (decision.phantoms() > 0) {
            meters.counter(metricPrefix + ".phantom.gaps", "pair", series.pair().name()).increment(decision.phantoms());
            Log.warnf("%s: ingest's replay says the series is at seq %d; closed %d sequence number(s) above it that "
                    + "ingest never issued (forged or foreign messages), now confirmed to %s", series, candles.seq(),
                    decision.phantoms(), tracker.confirmed(series));
        }
        return (decision.newlyConfirmed().isPresent()
                ? (decision.phantoms() > 0 ? positions.replace(series, decision.newlyConfirmed().getAsLong())
                        : positions.save(series, decision.newlyConfirmed().getAsLong()))
                : Uni.createFrom().voidItem())
                .chain(() -> {
                    if (decision.replaySinceSeq().isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.infof(candles.isReplay() ? "%s: the replay was paged at seq %d of %d; asking for the next page"
                            : "gap in %s after seq %d (got %d); asking for a replay", series,
                            decision.replaySinceSeq().getAsLong(), candles.seq());
                    return request(List.of(candles.pair()), null, decision.replaySinceSeq().getAsLong());
                });
    }

    /**
     * The sink failed even after retries: the tracker forgets the message, so nothing is confirmed past it and the
     * position is not saved; a replay (now, and again while overdue) brings its candles back.
     */
    private Uni<Void> notApplied(CandlesReady candles, Throwable failure) {
        failed.increment();
        OptionalLong replay = tracker.applyFailed(candles, clock.instant());
        String why = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        // during an outage every message fails alike: once a minute with a count
        applyFailures.error(failure.getClass().getName() + ": " + why, String.format(
                "could not apply %s %s seq %d (%d candles, %s): %s; it will be replayed", candles.pair(),
                candles.granularity(), candles.seq(), candles.count(), candles.isReplay() ? "replay" : "live", why));
        return replay.isPresent() ? request(List.of(candles.pair()), null, replay.getAsLong()) : Uni.createFrom().voidItem();
    }

    private void catchUp() {
        requestCatchUp().subscribe().with(ok -> { },
                failure -> Log.errorf(failure, "could not ask for a replay after resubscribing"));
    }

    /** One request per pair with a known position (exact), one for all pairs never seen (everything). */
    private Uni<Void> requestCatchUp() {
        Instant now = clock.instant();
        List<Pair> unknown = pairs.stream().sorted()
                .filter(p -> tracker.confirmed(new Series(p, granularity)).isEmpty()).toList();
        Map<Pair, Long> known = new java.util.TreeMap<>();
        pairs.forEach(p -> tracker.confirmed(new Series(p, granularity)).ifPresent(seq -> known.put(p, seq)));
        pairs.forEach(p -> tracker.replayRequested(new Series(p, granularity), now));
        Uni<Void> all = unknown.isEmpty() ? Uni.createFrom().voidItem() : request(unknown, null, null);
        return all.chain(() -> Multi.createFrom().iterable(known.entrySet())
                .onItem().transformToUniAndConcatenate(e -> request(List.of(e.getKey()), null, e.getValue()))
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> request(List<Pair> forPairs, Instant since, Long sinceSeq) {
        ReplayRequest request = new ReplayRequest(clock.instant(), requester, forPairs, granularity, since, sinceSeq);
        return redis.pubsub(String.class).publish(channels.replayRequests(), codec.encode(request))
                .ifNoItem().after(PUBLISH_TIMEOUT).fail()
                .invoke(() -> replaysRequested.increment())
                .onFailure().invoke(f -> Log.warnf("could not publish a replay request for %s: %s", forPairs, f))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
