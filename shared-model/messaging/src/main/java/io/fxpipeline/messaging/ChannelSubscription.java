package io.fxpipeline.messaging;

import io.fxpipeline.messaging.health.LiveSubscription;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A Redis channel subscription that survives disconnects: payloads with the same order key (the pair) are handled
 * one at a time in arrival order, different keys side by side; a failing handler never stops the stream, and a lost connection is resubscribed
 * with backoff, after which {@code onResubscribed} runs (consumers ask for a replay of what they missed).
 */
public final class ChannelSubscription implements LiveSubscription {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** Payloads received but not yet handled, at most. */
    public static final int MAX_PENDING = 10_000;
    /**
     * Characters of payloads received but not yet handled, at most: the bound the heap is sized by. Bulk candle
     * messages are up to 1 MiB each, so a count alone would let a stalled database fill any heap.
     */
    public static final long MAX_PENDING_CHARS = 16L << 20;

    private final ReactiveRedisDataSource redis;
    private final String channel;
    private final Function<String, Uni<Void>> handler;
    private final Function<String, String> orderKey;
    private final Runnable onResubscribed;
    private final int maxPending;
    private final long maxPendingChars;
    private final int eventLoops;
    private final AtomicInteger lanes = new AtomicInteger();
    private volatile List<Executor> loops;
    private final AtomicBoolean alive = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong pendingChars = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private volatile MultiEmitter<? super Keyed> emitter;
    private volatile ReactiveRedisSubscriber subscriber;
    private volatile Cancellable pipeline;

    public ChannelSubscription(ReactiveRedisDataSource redis, String channel, Function<String, Uni<Void>> handler,
            Runnable onResubscribed) {
        this(redis, channel, handler, payload -> "", onResubscribed);
    }

    /**
     * @param orderKey what must stay in order (e.g. the pair); payloads with one key are handled serially; null: not
     *                 for this subscriber, dropped on arrival
     */
    public ChannelSubscription(ReactiveRedisDataSource redis, String channel, Function<String, Uni<Void>> handler,
            Function<String, String> orderKey,
            Runnable onResubscribed) {
        this(redis, channel, handler, orderKey, onResubscribed, MAX_PENDING, MAX_PENDING_CHARS, 1);
    }

    /**
     * @param maxPending payloads held while the handler is behind; beyond it new ones are dropped and logged (pub/sub
     *                   already delivers at most once: a consumer sees the sequence gap and asks for a replay)
     * @param maxPendingChars their characters, at most; one payload is always taken, however large
     * @param eventLoops Vert.x event loops the order keys' lanes are spread over (round robin, each lane stays on
     *                   one); 1 handles every payload on the subscriber's own loop
     */
    public ChannelSubscription(ReactiveRedisDataSource redis, String channel, Function<String, Uni<Void>> handler,
            Function<String, String> orderKey, Runnable onResubscribed, int maxPending, long maxPendingChars,
            int eventLoops) {
        this.maxPending = maxPending;
        this.maxPendingChars = maxPendingChars;
        this.eventLoops = eventLoops;
        this.redis = redis;
        this.channel = channel;
        this.handler = handler;
        this.orderKey = orderKey;
        this.onResubscribed = onResubscribed;
    }

    /**
     * Starts the handling pipeline and subscribes; completes once Redis confirmed the subscription. Payloads with
     * the same order key are handled one at a time in arrival order; different keys (pairs) run side by side, so
     * one busy pair does not hold up the others.
     */
    public Uni<Void> start() {
        pipeline = Multi.createFrom().<Keyed>emitter(e -> emitter = e, BackPressureStrategy.BUFFER)
                .group().by(Keyed::key, Keyed::payload)
                .onItem().transformToMultiAndMerge(same -> onItsLoop(same).onItem().transformToUniAndConcatenate(payload -> handler.apply(payload)
                        .onFailure().recoverWithUni(failure -> {
                            Log.errorf(failure, "handling a message from %s failed; continuing", channel);
                            return Uni.createFrom().voidItem();
                        })
                        .eventually(() -> release(payload))))
                .subscribe().with(ignored -> { }, failure -> Log.errorf(failure, "pipeline of %s ended", channel));
        return subscribe();
    }

    /**
     * A lane handed to one of {@link #eventLoops} event-loop contexts, so the lanes' decoding and computing use every
     * core while each lane keeps its order (one context, one thread). The contexts are made on the first payload, from
     * the subscriber's own context; with one loop, or off Vert.x, the lane stays where the payloads arrive.
     */
    private Multi<String> onItsLoop(Multi<String> lane) {
        if (eventLoops <= 1) {
            return lane;
        }
        List<Executor> contexts = loops;
        if (contexts == null) {
            Context current = Vertx.currentContext();
            if (current == null) {
                return lane;
            }
            VertxInternal vertx = (VertxInternal) current.owner();
            List<Executor> made = new ArrayList<>();
            for (int i = 0; i < eventLoops; i++) {
                ContextInternal context = vertx.createEventLoopContext(); // the next loop of the group each time
                made.add(task -> context.runOnContext(ignored -> task.run()));
            }
            loops = contexts = List.copyOf(made);
        }
        return lane.emitOn(contexts.get(Math.floorMod(lanes.getAndIncrement(), contexts.size())));
    }

    /** Whether the subscription is currently established (readiness). */
    @Override
    public boolean alive() {
        return alive.get();
    }

    @Override
    public String channel() {
        return channel;
    }

    public Uni<Void> stop() {
        stopped.set(true);
        alive.set(false);
        ReactiveRedisSubscriber current = subscriber;
        Uni<Void> unsubscribe = current == null ? Uni.createFrom().voidItem()
                : current.unsubscribe().ifNoItem().after(Duration.ofSeconds(2)).recoverWithItem((Void) null)
                        .onFailure().recoverWithNull().replaceWithVoid();
        return unsubscribe.invoke(() -> {
            if (emitter != null) {
                emitter.complete();
            }
            if (pipeline != null) {
                pipeline.cancel();
            }
        });
    }

    private Uni<Void> subscribe() {
        return redis.pubsub(String.class)
                .subscribe(channel, this::offer, this::connectionEnded, this::connectionFailed)
                .ifNoItem().after(Duration.ofSeconds(5)).fail()
                .invoke(s -> {
                    subscriber = s;
                    alive.set(true);
                    Log.infof("subscribed to %s", channel);
                })
                .replaceWithVoid();
    }

    /** Payloads dropped because the handler was {@code maxPending} behind. */
    public long dropped() {
        return dropped.get();
    }

    /** A payload and its order key, found once on arrival. */
    private record Keyed(String key, String payload) {
    }

    /**
     * Memory stays bounded when the handler falls behind (a slow database): beyond the cap, drop and say so. A
     * payload whose order key is null is not for this subscriber (another type on a shared channel) and is dropped
     * here, before it takes a place in the queue: a consumer behind on a bulk load would otherwise hold every one
     * of them until its turn.
     */
    private void offer(String payload) {
        String key = orderKey.apply(payload);
        if (key == null) {
            return;
        }
        int waiting = pending.incrementAndGet();
        long chars = pendingChars.addAndGet(payload.length());
        if (waiting > maxPending || (waiting > 1 && chars > maxPendingChars)) {
            release(payload);
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                Log.warnf("%s: %d messages (%d KiB) waiting, %d dropped so far; consumers catch up by replay", channel,
                        pending.get(), pendingChars.get() >> 10, n);
            }
            return;
        }
        emitter.emit(new Keyed(key, payload));
    }

    private void release(String payload) {
        pendingChars.addAndGet(-payload.length());
        pending.decrementAndGet();
    }

    private void connectionEnded() {
        lost("the connection ended");
    }

    private void connectionFailed(Throwable failure) {
        lost(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    private void lost(String why) {
        if (stopped.get() || !alive.compareAndSet(true, false)) {
            return;
        }
        Log.warnf("subscription to %s lost (%s); resubscribing", channel, why);
        Uni.createFrom().voidItem()
                .onItem().delayIt().by(FIRST_BACKOFF)
                .chain(this::subscribe)
                .onFailure(f -> !stopped.get()).retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely()
                .runSubscriptionOn(Infrastructure.getDefaultExecutor())
                .subscribe().with(ok -> {
                    Log.infof("resubscribed to %s; asking for what was missed", channel);
                    onResubscribed.run();
                }, failure -> Log.errorf(failure, "gave up resubscribing to %s", channel));
    }
}
