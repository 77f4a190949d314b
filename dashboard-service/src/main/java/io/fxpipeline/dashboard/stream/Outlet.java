package io.fxpipeline.dashboard.stream;

import io.smallrye.mutiny.Uni;

/** Where a client's frames go: its WebSocket connection. */
public interface Outlet {

    /** Sends one text frame; completes once it is written out. */
    Uni<Void> send(String frame);

    /** Closes the connection with a WebSocket close code and a reason the client sees. */
    void close(int code, String reason);
}
