package io.fxpipeline.dashboard.stream;

import io.fxpipeline.dashboard.StreamMessage;
import io.fxpipeline.dashboard.config.DashboardConfig;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The connected stream clients, and the fan-out of each channel message to those who subscribed to it. */
@ApplicationScoped
public class ClientRegistry {

    /** WebSocket close code "going away" (RFC 6455): the server is shutting down. */
    public static final int GOING_AWAY = 1001;
    public static final String SHUTTING_DOWN = "the server is shutting down";

    private final ConcurrentHashMap<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final DashboardConfig config;
    private final StreamMetrics metrics;
    private volatile boolean shuttingDown;

    public ClientRegistry(DashboardConfig config, StreamMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** A session for a new connection, or empty when {@code DASHBOARD_MAX_CLIENTS} are already connected. */
    public Optional<ClientSession> open(String id, Outlet outlet) {
        int max = config.stream().maxClients();
        while (true) {
            int now = metrics.clients().get();
            if (now >= max) {
                metrics.refused("full");
                return Optional.empty();
            }
            if (metrics.clients().compareAndSet(now, now + 1)) {
                break;
            }
        }
        ClientSession session = new ClientSession(id, outlet, config.stream().clientQueue(),
                config.stream().slowClientTimeout(), config.stream().maxOpsPerSecond(), metrics, System::nanoTime);
        sessions.put(id, session);
        return Optional.of(session);
    }

    /**
     * At the start of shutdown, 1 s before the HTTP server stops: every client is closed with 1001 and its reason, and
     * new ones are refused, so browsers reconnect at once (to another replica behind the Service) instead of learning
     * of it from a dropped connection (see application.properties, "Shutdown").
     */
    void goingAway(@Observes ShutdownDelayInitiatedEvent event) {
        shuttingDown = true;
        sessions.values().forEach(session -> session.close(GOING_AWAY, SHUTTING_DOWN));
    }

    /** Whether the service is shutting down: a new connection is refused. */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    public Optional<ClientSession> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public void remove(String id) {
        ClientSession session = sessions.remove(id);
        if (session != null) {
            session.closed();
            metrics.clients().decrementAndGet();
        }
    }

    /**
     * Queues the message for every client subscribed to it; never waits for a client. The frames are written once
     * the subscriber's event loop has handled every message of the current Redis read: a burst then reaches each
     * connection as one batch of writes with one flush (the connections live on other event loops, and Vert.x
     * flushes writes queued from another thread once, after the last), instead of a socket write per frame.
     */
    public void publish(StreamMessage message) {
        List<ClientSession> queued = new ArrayList<>();
        for (ClientSession session : sessions.values()) {
            if (session.deliver(message)) {
                queued.add(session);
            }
        }
        if (queued.isEmpty()) {
            return;
        }
        Context context = Vertx.currentContext();
        if (context == null) {
            queued.forEach(ClientSession::flush);
        } else {
            context.runOnContext(v -> queued.forEach(ClientSession::flush));
        }
    }

    public int size() {
        return sessions.size();
    }
}
