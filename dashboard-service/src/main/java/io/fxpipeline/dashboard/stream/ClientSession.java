package io.fxpipeline.dashboard.stream;

import io.fxpipeline.dashboard.StreamChannel;
import io.fxpipeline.dashboard.StreamMessage;
import io.fxpipeline.model.Pair;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One connected stream client: what it subscribed to, and its bounded queue of frames. The Redis subscriber only
 * ever appends to the queue, so a slow client never holds up the others; a full queue drops its oldest frame, and a
 * client whose queue keeps overflowing for longer than the slow-client timeout is closed with a reason.
 */
public final class ClientSession {

    /** WebSocket close code for a policy violation (RFC 6455 7.4.1): too slow, too many ops. */
    public static final int POLICY_VIOLATION = 1008;
    /**
     * Frames handed to the connection and not yet written out; the rest wait in the queue. A burst of 20 pairs'
     * metrics and alerts (40 frames) fits, so it goes out with one flush.
     */
    static final int MAX_IN_FLIGHT = 64;

    /** What to do with an op after counting it against the rate limit. */
    public enum OpVerdict { ALLOWED, THROTTLED, CLOSE }

    private final String id;
    private final Outlet outlet;
    private final int capacity;
    private final long slowTimeoutNanos;
    private final int maxOpsPerSecond;
    private final StreamMetrics metrics;
    private final LongSupplier nanoClock;

    /** Replaced whole on each (un)subscribe, so the Redis subscriber reads it without locking. */
    private volatile Map<StreamChannel, Set<Pair>> subscriptions = Map.of();

    // guarded by this
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean draining;
    private boolean flushPending;
    private boolean closed;
    private long behindSince = -1;
    private long dropped;
    private long opWindowStart;
    private int opsInWindow;

    public ClientSession(String id, Outlet outlet, int capacity, Duration slowTimeout, int maxOpsPerSecond,
            StreamMetrics metrics, LongSupplier nanoClock) {
        this.id = id;
        this.outlet = outlet;
        this.capacity = capacity;
        this.slowTimeoutNanos = slowTimeout.toNanos();
        this.maxOpsPerSecond = maxOpsPerSecond;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
        this.opWindowStart = nanoClock.getAsLong();
    }

    public String id() {
        return id;
    }

    /** Subscribes to channels with a pair filter (empty: every pair), replacing the filter of those channels. */
    public synchronized void subscribe(Set<StreamChannel> channels, Set<Pair> pairs) {
        Map<StreamChannel, Set<Pair>> next = new EnumMap<>(StreamChannel.class);
        next.putAll(subscriptions);
        channels.forEach(c -> next.put(c, Set.copyOf(pairs)));
        subscriptions = Map.copyOf(next);
    }

    /** Stops channels (none: all); answers the channels still subscribed. */
    public synchronized Set<StreamChannel> unsubscribe(Set<StreamChannel> channels) {
        Map<StreamChannel, Set<Pair>> next = new EnumMap<>(StreamChannel.class);
        if (!channels.isEmpty()) {
            next.putAll(subscriptions);
            channels.forEach(next::remove);
        }
        subscriptions = Map.copyOf(next);
        return next.keySet();
    }

    public Set<StreamChannel> channels() {
        return subscriptions.keySet();
    }

    /**
     * Queues a channel message if the client subscribed to its channel and one of its pairs, without writing it yet:
     * the fan-out writes everything a burst queued in one go ({@link #flush}), so the connection flushes its socket
     * once per burst, not once per frame.
     *
     * @return true when this call left frames waiting for a {@link #flush} that nobody has been asked for yet
     */
    public boolean deliver(StreamMessage message) {
        Set<Pair> wanted = subscriptions.get(message.channel());
        if (wanted == null || !message.concernsAny(wanted) || !enqueue(message.json())) {
            return false;
        }
        synchronized (this) {
            if (flushPending) {
                return false;
            }
            flushPending = true;
            return true;
        }
    }

    /** Writes what {@link #deliver} queued. */
    public void flush() {
        synchronized (this) {
            flushPending = false;
        }
        drain();
    }

    /** Queues a frame for this client whatever it subscribed to (replies, snapshots) and writes it. */
    public void offer(String frame) {
        if (enqueue(frame)) {
            drain();
        }
    }

    /** Queues a frame, dropping the oldest past the capacity; false when the client is closed or was just closed. */
    private boolean enqueue(String frame) {
        String slowReason = null;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
                metrics.dropped();
                long now = nanoClock.getAsLong();
                if (behindSince < 0) {
                    behindSince = now;
                } else if (now - behindSince > slowTimeoutNanos) {
                    slowReason = "too slow: " + dropped + " messages dropped, behind for more than "
                            + Duration.ofNanos(slowTimeoutNanos).toSeconds() + " s";
                }
            }
            if (slowReason == null) {
                queue.addLast(frame);
            }
        }
        if (slowReason != null) {
            Log.infof("stream client %s closed: %s", id, slowReason);
            metrics.closedSlow();
            close(POLICY_VIOLATION, slowReason);
            return false;
        }
        return true;
    }

    /** Counts an op against the per-second limit: past it the op is refused, past twice the limit the client closed. */
    public synchronized OpVerdict countOp() {
        long now = nanoClock.getAsLong();
        if (now - opWindowStart >= 1_000_000_000L) {
            opWindowStart = now;
            opsInWindow = 0;
        }
        opsInWindow++;
        if (opsInWindow > 2 * maxOpsPerSecond) {
            return OpVerdict.CLOSE;
        }
        return opsInWindow > maxOpsPerSecond ? OpVerdict.THROTTLED : OpVerdict.ALLOWED;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** Forgets the queue and closes the connection (the client sees the reason). */
    public void close(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        outlet.close(code, reason);
    }

    /** The connection is gone: nothing more is queued. */
    public synchronized void closed() {
        closed = true;
        queue.clear();
    }

    /**
     * Hands queued frames to the connection, at most {@link #MAX_IN_FLIGHT} at a time. One caller drains at once;
     * the exit check and the flag share the lock, so a frame queued or a write finished meanwhile is never left
     * waiting, and a write that completes at once does not recurse.
     */
    private void drain() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            String next;
            synchronized (this) {
                if (closed || inFlight >= MAX_IN_FLIGHT || queue.isEmpty()) {
                    draining = false;
                    if (queue.size() <= capacity / 2) {
                        behindSince = -1;
                    }
                    return;
                }
                next = queue.pollFirst();
                inFlight++;
            }
            outlet.send(next).subscribe().with(ok -> written(), this::failed);
        }
    }

    private void written() {
        synchronized (this) {
            inFlight--;
        }
        metrics.sent();
        drain();
    }

    private void failed(Throwable failure) {
        synchronized (this) {
            inFlight--;
        }
        Log.debugf("stream client %s: write failed (%s)", id, failure.getMessage());
        closed();
    }
}
