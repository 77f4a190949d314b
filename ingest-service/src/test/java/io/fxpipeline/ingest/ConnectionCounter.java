package io.fxpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of the OANDA stub that records when each client connection was accepted, so tests
 * see the TCP connections the OANDA client really opens. Bytes pass unchanged in both directions.
 */
public final class ConnectionCounter implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Instant> accepted = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "oanda-stub-relay");
        t.setDaemon(true);
        return t;
    });

    private ConnectionCounter(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** Relays 127.0.0.1:&lt;new port&gt; to {@code targetPort} until closed. */
    public static ConnectionCounter relayTo(int targetPort) throws IOException {
        ConnectionCounter counter = new ConnectionCounter(targetPort);
        counter.threads.execute(counter::acceptLoop);
        return counter;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** When each connection since the last {@link #reset()} was accepted, in order. */
    public List<Instant> accepted() {
        return new ArrayList<>(accepted);
    }

    public void reset() {
        accepted.clear();
    }

    /** Closes every relayed connection, as a server that drops its idle connections would. */
    public void dropAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.add(Instant.now());
                open.add(client);
                threads.execute(() -> relay(client)); // the next accept is not held up by this connect
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("oanda stub relay: " + e);
                }
            }
        }
    }

    private void relay(Socket client) {
        try {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            open.add(upstream);
            AtomicInteger directions = new AtomicInteger(2);
            threads.execute(() -> pipe(client, upstream, directions));
            pipe(upstream, client, directions);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** Copies one direction; at its end half-closes the other side, and closes both once both directions ended. */
    private void pipe(Socket from, Socket to, AtomicInteger directions) {
        try {
            // not closed on its own: closing a socket's stream closes the socket, and the other direction may go on
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
        if (directions.decrementAndGet() == 0) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
        threads.shutdownNow();
    }
}
