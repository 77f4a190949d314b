package io.fxpipeline.deploy;

import io.fxpipeline.testing.RealServers;
import io.fxpipeline.testing.ServerAddress;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the dashboard (SIGTERM, as Kubernetes stops a pod) with browsers connected: each stream client is closed
 * with 1001 and a reason, so the page reconnects at once (to another replica), and the service stops without sitting
 * out a graceful-shutdown timeout on WebSocket connections (Quarkus 3.33 counts an upgraded request as never ending,
 * even after its client has gone: the stop took the whole 10 s and logged "Timed out waiting for graceful shutdown").
 */
class DashboardShutdownTest {

    /** A real WebSocket client (the JDK's) that records its first frame and how the server closed it. */
    static final class Client implements WebSocket.Listener {
        final CompletableFuture<String> firstFrame = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            firstFrame.complete(data.toString());
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }

        /**
         * Connected and subscribed: returns once the service answered the subscribe, so the service holds the
         * client's session before the test stops it (a session not yet opened is only dropped, with 1000).
         */
        static Client connect(int port) throws Exception {
            Client client = new Client();
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/stream"), client).join()
                    .sendText("{\"op\":\"subscribe\",\"channels\":[\"metrics\"]}", true).join();
            assertThat(client.firstFrame.get(10, TimeUnit.SECONDS)).contains("\"op\":\"subscribed\"");
            return client;
        }
    }

    @Test
    void stoppingClosesEveryStreamClientWithGoingAwayAndDoesNotWaitOutTheTimeout() throws Exception {
        Path logs = Files.createDirectories(Path.of("target/dashboard-shutdown-logs/" + System.nanoTime()));
        ServerAddress redis = RealServers.redis();
        try (ServiceProcess dashboard = new ServiceProcess("dashboard-service", Map.of("REDIS_HOST", redis.host(),
                "REDIS_PORT", String.valueOf(redis.port()), "FX_PREFIX", "shutdown" + System.nanoTime() + ":"), logs)) {
            dashboard.start().awaitReady(Duration.ofMinutes(3));
            // one browser came and went, one is still there
            WebSocket gone = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + dashboard.port() + "/stream"), new WebSocket.Listener() { })
                    .join();
            gone.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            Client open = Client.connect(dashboard.port());

            boolean ended = dashboard.stop(Duration.ofSeconds(30));

            assertThat(open.closed.get(5, TimeUnit.SECONDS)).isEqualTo("1001 the server is shutting down");
            assertThat(ended).as("the dashboard ended").isTrue();
        }
        String log = Files.readString(logs.resolve("dashboard-service.log"));
        assertThat(log).contains("dashboard-service stopped in").doesNotContain("Timed out waiting for graceful shutdown");
    }
}
