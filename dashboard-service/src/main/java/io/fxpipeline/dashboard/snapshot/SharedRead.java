package io.fxpipeline.dashboard.snapshot;

import io.smallrye.mutiny.Uni;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One read of the cache shared by everyone who asks while it is under way: a thousand clients subscribing at once
 * cost one round of Redis reads, not a thousand (which would also overrun the Redis client's wait queue). The next
 * request after the read finished starts a fresh one, so a snapshot is never older than the read it came from.
 */
final class SharedRead<T> {

    private final Supplier<Uni<T>> source;
    private final AtomicReference<Uni<T>> inFlight = new AtomicReference<>();

    SharedRead(Supplier<Uni<T>> source) {
        this.source = source;
    }

    Uni<T> get() {
        return Uni.createFrom().deferred(this::current);
    }

    private Uni<T> current() {
        while (true) {
            Uni<T> running = inFlight.get();
            if (running != null) {
                return running;
            }
            AtomicReference<Uni<T>> self = new AtomicReference<>();
            Uni<T> read = Uni.createFrom().deferred(source::get)
                    .onTermination().invoke(() -> inFlight.compareAndSet(self.get(), null))
                    .memoize().indefinitely();
            self.set(read);
            if (inFlight.compareAndSet(null, read)) {
                return read;
            }
        }
    }
}
