package io.fxpipeline.messaging.rest;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Whether a failure means a dependency (PostgreSQL, Redis) is unreachable or not answering, rather than a fault of
 * the request or of our code: such a request is answered 503 with Retry-After instead of 500.
 */
public final class Unavailable {

    private Unavailable() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException) {
                return true;
            }
            // SQLSTATE 08 connection exception, 57P01-57P03 admin shutdown / crash shutdown / cannot connect now
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            // Vert.x reports these as plain VertxException / NoStackTraceThrowable with a message only
            if (message.contains("connection refused") || message.contains("connection reset")
                    || message.contains("connection is closed") || message.contains("connection was closed")
                    || message.contains("timeout waiting for connection") || message.contains("failed to connect")
                    || message.contains("no connection available")) {
                return true;
            }
        }
        return false;
    }
}
