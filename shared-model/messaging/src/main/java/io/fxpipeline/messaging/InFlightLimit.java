package io.fxpipeline.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * At most {@code limit} pieces of asynchronous work at once; the others wait, in arrival order, without holding a
 * thread. A consumer's lanes (one per pair) would otherwise all decode and apply a bulk message at the same time:
 * twenty 5,000-candle messages with their metrics alive together are what filled a small heap. A waiter is resumed
 * on the Vert.x context it asked from, so each lane stays on its own event loop.
 */
final class InFlightLimit {

    private final int limit;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    InFlightLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            AtomicBoolean held = new AtomicBoolean();
            Context home = Vertx.currentContext();
            return Uni.createFrom().<Void>emitter(permit -> {
                        Runnable grant = () -> {
                            held.set(true);
                            if (home == null) {
                                permit.complete(null);
                            } else {
                                home.runOnContext(ignored -> permit.complete(null));
                            }
                        };
                        permit.onTermination(() -> withdraw(grant)); // cancelled while waiting: leave the queue
                        acquire(grant);
                    })
                    .chain(ignored -> work.get())
                    .onTermination().invoke(() -> {
                        if (held.compareAndSet(true, false)) {
                            release();
                        }
                    });
        });
    }

    /** Work running now (for tests and metrics). */
    synchronized int running() {
        return running;
    }

    private void acquire(Runnable grant) {
        boolean now;
        synchronized (this) {
            now = running < limit;
            if (now) {
                running++;
            } else {
                waiting.addLast(grant);
            }
        }
        if (now) {
            grant.run(); // outside the lock: the work may start right here
        }
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run(); // the permit passes on without being counted down and up again
        }
    }

    private synchronized void withdraw(Runnable grant) {
        waiting.remove(grant);
    }
}
