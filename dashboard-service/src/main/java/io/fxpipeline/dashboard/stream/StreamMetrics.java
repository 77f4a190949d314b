package io.fxpipeline.dashboard.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/** The stream's meters: clients connected, messages out, dropped, refused connections, bad frames. */
@Startup // registered at start, so /q/metrics shows them before the first client
@ApplicationScoped
public class StreamMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger clients = new AtomicInteger();
    private final Counter out;
    private final Counter dropped;
    private final Counter slowClosed;

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("fx.dashboard.clients", clients);
        this.out = Counter.builder("fx.dashboard.messages.out").description("frames written to clients")
                .register(registry);
        this.dropped = Counter.builder("fx.dashboard.messages.dropped")
                .description("messages dropped from a full client queue (oldest first)").register(registry);
        this.slowClosed = Counter.builder("fx.dashboard.clients.closed.slow")
                .description("clients closed because they stayed behind").register(registry);
    }

    public AtomicInteger clients() {
        return clients;
    }

    public void sent() {
        out.increment();
    }

    public void dropped() {
        dropped.increment();
    }

    public void closedSlow() {
        slowClosed.increment();
    }

    /**
     * A connection refused: {@code token} (missing or wrong), {@code full} (DASHBOARD_MAX_CLIENTS reached) or
     * {@code shutting_down}.
     */
    public void refused(String reason) {
        registry.counter("fx.dashboard.clients.refused", "reason", reason).increment();
    }

    public void badFrame(BadFrameReason reason) {
        registry.counter("fx.dashboard.frames.bad", "reason", reason.wireName()).increment();
    }

    /** A Redis message that broke the contract and was not forwarded. */
    public void rejected(String channel) {
        registry.counter("fx.dashboard.messages.rejected", "channel", channel).increment();
    }
}
