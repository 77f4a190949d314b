package io.fxpipeline.ingest.feed.oanda;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpConnection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps OANDA's connection rule (docs/oanda-v20.md §7): a request goes at once when a kept-alive connection of the pool
 * is free; one that would make the pool open a connection waits until fewer than {@code opensPerWindow} new
 * connections were seen, or allowed and not yet seen, in the last {@code window}. In-flight requests never exceed the
 * pool's size, so the Vert.x pool never queues a request that a closing connection could turn into an unpaced
 * opening.
 * <p>
 * The client tells the pacer each connection a request runs on ({@link #seen}); a connection leaves the count when
 * it closes. An opening counts from when its connection was seen (a first call can take a while to connect).
 * Guesses err on the slow side: a request that ended without an answer keeps its place for {@link #SETTLE}, until its
 * connection's fate is known (Vert.x closes the connection of a request reset in flight, e.g. by the read timeout).
 * Such a place can make a request ask for an opening and then find a kept-alive connection free: an allowed opening
 * lives only as long as a request let go could still open it (one not yet seen on a connection), so unused ones
 * never hold back the openings that follow.
 */
final class ConnectionPacer {

    /** How long a request that ended without an answer keeps its place (see {@link #paced}). */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** After this, an allowed opening that no new connection followed (the request found a freed one) is forgotten. */
    static final Duration GRANT_EXPIRY = Duration.ofSeconds(10);

    private final int maxConnections;
    private final int opensPerWindow;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final BiConsumer<Duration, Runnable> timer;

    private final Set<HttpConnection> live = Collections.newSetFromMap(new IdentityHashMap<>()); // guarded by this
    private final ArrayDeque<Long> opens = new ArrayDeque<>(); // when new connections were seen; guarded by this
    private final ArrayDeque<Long> granted = new ArrayDeque<>(); // openings allowed, not yet seen; guarded by this
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>(); // guarded by this
    private int inFlight; // guarded by this
    private int unseen; // requests let go, not yet seen on a connection; guarded by this
    private boolean timerSet; // guarded by this

    /**
     * @param timer runs a task after a delay (Vert.x timers in the service, a manual clock in unit tests)
     */
    ConnectionPacer(int maxConnections, int opensPerWindow, Duration window, LongSupplier nanoTime,
            BiConsumer<Duration, Runnable> timer) {
        if (maxConnections < 1 || opensPerWindow < 1) {
            throw new IllegalArgumentException("connections and openings must be at least 1");
        }
        this.maxConnections = maxConnections;
        this.opensPerWindow = opensPerWindow;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.timer = timer;
    }

    /** {@code call} once the pacer lets it go; its end (item, failure or cancellation) frees its place. */
    <T> Uni<T> paced(Supplier<Uni<? extends T>> call) {
        return Uni.createFrom().deferred(() -> {
            AtomicBoolean started = new AtomicBoolean();
            return Uni.createFrom().<Void>emitter(emitter -> {
                        Runnable go = () -> {
                            emitter.complete(null);
                            if (!started.get()) {
                                release(); // the caller gave up between being let go and starting
                            }
                        };
                        enqueue(go);
                        emitter.onTermination(() -> withdraw(go));
                    })
                    .chain(ignored -> {
                        started.set(true);
                        return Uni.createFrom().<T>deferred(call).onTermination().invoke((item, failure, cancelled) -> {
                            if (cancelled || failure != null && !(failure instanceof OandaException)) {
                                // A timeout, reset or cancellation: its connection may still be busy or about to
                                // close. Its place stays taken a moment, so no request counts on that connection.
                                timer.accept(SETTLE, this::release);
                            } else {
                                // An answer arrived whole. Vert.x takes its connection back once the task that
                                // read the answer ends: released after it, so the next request finds it idle.
                                timer.accept(Duration.ZERO, this::release);
                            }
                        });
                    });
        });
    }

    /** A request runs on {@code connection}: counted while it stays open. */
    void seen(HttpConnection connection) {
        boolean added;
        synchronized (this) {
            added = live.add(connection);
            unseen = Math.max(0, unseen - 1); // each request is seen once, on a new connection or a reused one
            if (added) {
                // the opening counts from when it happened, not from when it was allowed (a first call can take a
                // while to connect)
                granted.pollFirst();
                opens.addLast(nanoTime.getAsLong());
            }
            while (granted.size() > unseen) {
                granted.pollFirst(); // its request found a kept-alive connection: no opening will follow
            }
        }
        if (added) {
            connection.closeHandler(closed -> closed(connection));
            drain();
        }
    }

    synchronized int liveConnections() {
        return live.size();
    }

    synchronized int inFlight() {
        return inFlight;
    }

    private void closed(HttpConnection connection) {
        synchronized (this) {
            live.remove(connection);
        }
        drain();
    }

    private void enqueue(Runnable go) {
        synchronized (this) {
            waiting.add(go);
        }
        drain();
    }

    /** A waiter that gave up (its caller's timeout) leaves the queue; one already let go is released by its call. */
    private void withdraw(Runnable go) {
        synchronized (this) {
            waiting.remove(go);
        }
    }

    private void release() {
        synchronized (this) {
            inFlight--;
            if (unseen > inFlight) {
                // a request ended before it was seen on a connection (e.g. a failed connect): its opening may have
                // been tried, so it counts from now
                unseen = inFlight;
                while (granted.size() > unseen) {
                    granted.pollFirst();
                    opens.addLast(nanoTime.getAsLong());
                }
            }
        }
        drain();
    }

    /** Lets waiters go while the rule allows; runs them outside the lock. */
    private void drain() {
        List<Runnable> admitted = new ArrayList<>();
        Duration retryIn = null;
        synchronized (this) {
            while (!waiting.isEmpty() && inFlight < maxConnections) {
                if (inFlight >= live.size()) {
                    long now = nanoTime.getAsLong();
                    while (!opens.isEmpty() && now - opens.peekFirst() >= windowNanos) {
                        opens.removeFirst();
                    }
                    while (!granted.isEmpty() && now - granted.peekFirst() >= GRANT_EXPIRY.toNanos()) {
                        granted.removeFirst();
                    }
                    if (opens.size() + granted.size() >= opensPerWindow) {
                        if (!timerSet) {
                            timerSet = true;
                            retryIn = Duration.ofNanos(opens.isEmpty() ? granted.peekFirst() + GRANT_EXPIRY.toNanos() - now
                                    : opens.peekFirst() + windowNanos - now);
                        }
                        break; // a new connection being seen, a release or the timer drains again
                    }
                    granted.addLast(now);
                }
                inFlight++;
                unseen++;
                admitted.add(waiting.removeFirst());
            }
        }
        if (retryIn != null) {
            timer.accept(retryIn, () -> {
                synchronized (this) {
                    timerSet = false;
                }
                drain();
            });
        }
        admitted.forEach(Runnable::run);
    }
}
