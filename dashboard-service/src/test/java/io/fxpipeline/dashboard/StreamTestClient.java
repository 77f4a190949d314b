package io.fxpipeline.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A real WebSocket client of {@code /stream} (Vert.x), recording every frame and how the connection closed. */
public final class StreamTestClient implements AutoCloseable {

    private static final Vertx VERTX = Vertx.vertx();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocketClient client;
    private final WebSocket socket;
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final List<Long> receivedNanos = new CopyOnWriteArrayList<>();
    private volatile Short closeCode;
    private volatile String closeReason;

    private StreamTestClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        try {
            socket.textMessageHandler(text -> {
                receivedNanos.add(System.nanoTime());
                frames.add(text);
            });
            socket.closeHandler(v -> {
                closeReason = socket.closeReason();
                closeCode = socket.closeStatusCode();
            });
        } catch (IllegalStateException closedAlready) {
            // the server may close right after the handshake (e.g. past the client limit) before handlers are set
            closeReason = socket.closeReason();
            closeCode = socket.closeStatusCode();
        }
    }

    public static StreamTestClient connect(int port, String query, Map<String, String> headers) throws Exception {
        return connect(port, query, headers, new WebSocketClientOptions());
    }

    public static StreamTestClient connect(int port, String query, Map<String, String> headers,
            WebSocketClientOptions options) throws Exception {
        WebSocketClient client = VERTX.createWebSocketClient(options.setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
        WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/stream" + (query == null ? "" : "?" + query));
        headers.forEach(connect::addHeader);
        try {
            WebSocket socket = client.connect(connect).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new StreamTestClient(client, socket);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    public static StreamTestClient connect(int port) throws Exception {
        return connect(port, null, Map.of());
    }

    public void send(String frame) {
        socket.writeTextMessage(frame);
    }

    public void subscribe(String channels, String pairs) {
        send("{\"op\":\"subscribe\",\"channels\":[" + channels + "]" + (pairs == null ? "" : ",\"pairs\":[" + pairs + "]")
                + "}");
    }

    /** Subscribes and waits for the acknowledgement, so messages published next are streamed. */
    public void subscribeAndWait(String channels, String pairs) {
        int before = count(f -> "subscribed".equals(f.path("op").asText()));
        subscribe(channels, pairs);
        await().atMost(Duration.ofSeconds(5)).until(() -> count(f -> "subscribed".equals(f.path("op").asText())) > before);
    }

    public List<String> frames() {
        return List.copyOf(frames);
    }

    public List<Long> receivedNanos() {
        return List.copyOf(receivedNanos);
    }

    public List<JsonNode> json() {
        return frames.stream().map(StreamTestClient::parse).toList();
    }

    public int count(Predicate<JsonNode> which) {
        return (int) json().stream().filter(which).count();
    }

    /** Live channel messages (not the stream's own op frames, nor snapshot frames). */
    public List<String> messages() {
        return frames.stream().filter(f -> {
            JsonNode node = parse(f);
            return !node.has("op") && !node.path("snapshot").asBoolean();
        }).toList();
    }

    public JsonNode awaitFrame(Predicate<JsonNode> which) {
        await().atMost(Duration.ofSeconds(5)).until(() -> json().stream().anyMatch(which));
        return json().stream().filter(which).findFirst().orElseThrow();
    }

    public void pause() {
        socket.pause();
    }

    public void resume() {
        socket.resume();
    }

    public boolean closed() {
        return closeCode != null || socket.isClosed();
    }

    public Short closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    static JsonNode parse(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new AssertionError("frame is not JSON: " + frame, e);
        }
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
        client.close();
    }
}
