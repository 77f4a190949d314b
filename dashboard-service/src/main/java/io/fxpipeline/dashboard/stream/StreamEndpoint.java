package io.fxpipeline.dashboard.stream;

import io.fxpipeline.dashboard.config.DashboardConfig;
import io.fxpipeline.dashboard.snapshot.SnapshotReader;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

import java.time.Clock;

/**
 * {@code GET /stream}: clients send ops ({@code subscribe}, {@code unsubscribe}, {@code ping}) and receive the
 * channel messages they subscribed to, as published, after a snapshot of the cached state. Everything here runs on
 * the connection's event loop and only queues frames.
 */
@WebSocket(path = "/stream")
public class StreamEndpoint {

    /** WebSocket close code "try again later" (RFC 6455 registry): the server is full. */
    static final int TRY_AGAIN_LATER = 1013;

    private final ClientRegistry registry;
    private final SnapshotReader snapshots;
    private final StreamMetrics metrics;
    private final DashboardConfig config;
    private final OpParser parser;
    private final Clock clock = Clock.systemUTC();

    public StreamEndpoint(ClientRegistry registry, SnapshotReader snapshots, StreamMetrics metrics,
            DashboardConfig config) {
        this.registry = registry;
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.config = config;
        this.parser = new OpParser(config.pairs());
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection) {
        Outlet outlet = new ConnectionOutlet(connection);
        if (registry.shuttingDown()) {
            metrics.refused("shutting_down");
            outlet.close(ClientRegistry.GOING_AWAY, ClientRegistry.SHUTTING_DOWN);
        } else if (registry.open(connection.id(), outlet).isEmpty()) {
            outlet.close(TRY_AGAIN_LATER, "too many clients: the limit is " + config.stream().maxClients());
        }
    }

    @OnTextMessage
    @NonBlocking
    public void frame(String frame, WebSocketConnection connection) {
        registry.get(connection.id()).ifPresent(session -> handle(session, frame));
    }

    @OnBinaryMessage
    @NonBlocking
    public void binary(Buffer frame, WebSocketConnection connection) {
        registry.get(connection.id()).ifPresent(session -> {
            if (admitted(session)) {
                refuse(session, BadFrameReason.BINARY, "binary frames are not understood; send JSON text");
            }
        });
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        registry.remove(connection.id());
    }

    @OnError
    public void error(Throwable failure, WebSocketConnection connection) {
        Log.debugf("stream client %s: %s", connection.id(), failure.toString());
    }

    private void handle(ClientSession session, String frame) {
        if (!admitted(session)) {
            return;
        }
        ClientOp op = parser.parse(frame);
        if (op instanceof ClientOp.BadFrame bad) {
            refuse(session, bad.reason(), bad.message());
        } else if (op instanceof ClientOp.Subscribe subscribe) {
            session.subscribe(subscribe.channels(), subscribe.pairs());
            session.offer(ControlFrames.subscribed(subscribe.channels(), subscribe.pairs()));
            snapshots.read(subscribe.channels(), subscribe.pairs()).subscribe().with(
                    frames -> frames.forEach(f -> session.offer(f.json())),
                    failure -> Log.warnf("snapshot for stream client %s not read: %s", session.id(), failure.toString()));
        } else if (op instanceof ClientOp.Unsubscribe unsubscribe) {
            session.offer(ControlFrames.unsubscribed(session.unsubscribe(unsubscribe.channels())));
        } else {
            session.offer(ControlFrames.pong(clock.instant()));
        }
    }

    /** Applies the op rate limit: refuses an op past it, closes a client far past it. */
    private boolean admitted(ClientSession session) {
        ClientSession.OpVerdict verdict = session.countOp();
        if (verdict == ClientSession.OpVerdict.ALLOWED) {
            return true;
        }
        metrics.badFrame(BadFrameReason.RATE_LIMITED);
        int limit = config.stream().maxOpsPerSecond();
        if (verdict == ClientSession.OpVerdict.CLOSE) {
            session.close(ClientSession.POLICY_VIOLATION, "too many ops: more than " + (2 * limit) + " in a second");
        } else {
            session.offer(ControlFrames.error(BadFrameReason.RATE_LIMITED, "more than " + limit
                    + " ops a second; this one was ignored"));
        }
        return false;
    }

    private void refuse(ClientSession session, BadFrameReason reason, String message) {
        metrics.badFrame(reason);
        session.offer(ControlFrames.error(reason, message));
    }

    /** A WebSocket connection as the session's outlet. */
    private record ConnectionOutlet(WebSocketConnection connection) implements Outlet {

        @Override
        public Uni<Void> send(String frame) {
            return connection.sendText(frame);
        }

        @Override
        public void close(int code, String reason) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ok -> { },
                    failure -> Log.debugf("closing stream client %s: %s", connection.id(), failure.toString()));
        }
    }
}
