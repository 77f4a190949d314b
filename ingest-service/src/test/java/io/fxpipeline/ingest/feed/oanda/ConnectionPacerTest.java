package io.fxpipeline.ingest.feed.oanda;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The pacing rule on a manual clock: reuse at once, at most two openings a window, never more than the pool. */
class ConnectionPacerTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final ConnectionPacer pacer = new ConnectionPacer(3, 2, Duration.ofSeconds(1), nanos::get, (delay, task) -> {
        delays.add(delay);
        timers.add(task);
    });

    /** A connection that only remembers its close handler, so a test can close it. */
    private static final class FakeConnection {
        final AtomicReference<Handler<Void>> onClose = new AtomicReference<>();
        @SuppressWarnings("unchecked")
        final HttpConnection connection = (HttpConnection) Proxy.newProxyInstance(HttpConnection.class.getClassLoader(),
                new Class<?>[] {HttpConnection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("closeHandler")) {
                        onClose.set((Handler<Void>) args[0]);
                        return proxy;
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    return null;
                });
    }

    /** A call that runs until the test ends it; {@code started} counts the calls let go. */
    private UniAssertSubscriber<String> request(List<io.smallrye.mutiny.subscription.UniEmitter<? super String>> started) {
        return pacer.paced(() -> Uni.createFrom().<String>emitter(started::add))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private void runTimers() {
        List<Runnable> due = new ArrayList<>(timers);
        timers.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void twoOpeningsAWindowThenWaitsForTheWindowOrAFreeConnection() {
        List<io.smallrye.mutiny.subscription.UniEmitter<? super String>> started = new ArrayList<>();
        UniAssertSubscriber<String> first = request(started);
        request(started);
        request(started);
        assertThat(started).as("two openings at once, the third waits").hasSize(2);
        // no connection seen yet: the two allowed openings are pending; a new connection seen drains again
        assertThat(delays).containsExactly(ConnectionPacer.GRANT_EXPIRY);

        FakeConnection a = new FakeConnection();
        FakeConnection b = new FakeConnection();
        pacer.seen(a.connection);
        pacer.seen(b.connection);
        assertThat(pacer.liveConnections()).isEqualTo(2);

        // an answer frees a connection: the waiting request reuses it at once, well inside the window
        started.get(0).complete("answer");
        first.assertItem("answer");
        runTimers(); // the release after the task that read the answer (and the window's timer, not yet due)
        assertThat(started).hasSize(3);
        assertThat(pacer.inFlight()).isEqualTo(2);

        // a fourth wants a third connection: only once the window since the first two openings has passed
        request(started);
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        runTimers();
        assertThat(started).hasSize(3);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        runTimers();
        assertThat(started).hasSize(4);
        assertThat(pacer.inFlight()).isEqualTo(3);
    }

    @Test
    void neverMoreInFlightThanThePoolAndAClosedConnectionIsOpenedAgainPaced() {
        List<io.smallrye.mutiny.subscription.UniEmitter<? super String>> started = new ArrayList<>();
        FakeConnection[] connections = {new FakeConnection(), new FakeConnection(), new FakeConnection()};
        for (FakeConnection c : connections) {
            request(started);
            pacer.seen(c.connection);
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        assertThat(started).hasSize(3);
        assertThat(pacer.liveConnections()).isEqualTo(3);
        request(started);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        runTimers();
        assertThat(started).as("the pool is full: a fourth waits for a connection, however long").hasSize(3);

        // a connection closes while its request fails: the waiting one needs an opening again, paced
        connections[0].onClose.get().handle(null);
        started.get(0).fail(new java.io.IOException("reset"));
        assertThat(pacer.liveConnections()).isEqualTo(2);
        runTimers(); // the failed request's place stays taken for SETTLE, then is freed
        assertThat(started).hasSize(4);
        assertThat(pacer.inFlight()).isEqualTo(3);
    }

    @Test
    void anOpeningAllowedToARequestThatReusedAConnectionDoesNotHoldBackTheNextOpening() {
        List<io.smallrye.mutiny.subscription.UniEmitter<? super String>> started = new ArrayList<>();
        FakeConnection kept = new FakeConnection();
        request(started);
        pacer.seen(kept.connection);
        // a request without an answer keeps its place for SETTLE: its connection looks busy though Vert.x kept it
        started.get(0).fail(new java.util.concurrent.TimeoutException("read timeout"));
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        // two requests each ask for an opening, and both find the kept-alive connection free (one after the other)
        for (int i = 1; i <= 2; i++) {
            UniAssertSubscriber<String> reusing = request(started);
            assertThat(started).hasSize(i + 1);
            pacer.seen(kept.connection);
            started.get(i).complete("answer");
            reusing.assertItem("answer");
        }
        assertThat(pacer.liveConnections()).isEqualTo(1);

        // the kept connection closes (the read timeout of a slow answer): its retry opens a new one at once,
        // not after the two unused openings expire
        kept.onClose.get().handle(null);
        runTimers();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(pacer.inFlight()).isZero();
        request(started);
        assertThat(started).as("a new connection, the window holding no opening").hasSize(4);
    }
}
