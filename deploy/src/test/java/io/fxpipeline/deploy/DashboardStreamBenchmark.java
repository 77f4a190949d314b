package io.fxpipeline.deploy;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.fxpipeline.testing.RealServers;
import io.fxpipeline.testing.bench.CpuMeter;
import io.fxpipeline.testing.ServerAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard jar as its own process, 1,000 WebSocket clients on loopback subscribed to metrics and volatility
 * alerts of every pair, and bursts of 20 pairs' metrics and alerts published on Redis: delivery latency from
 * publish ({@code ts} of the message) to each client, and the service's RSS. Baselines in the same run: one client,
 * and the same 1,000 clients on a {@link BareRelay} (every message written to every socket, nothing else done).
 * {@code mvn -B verify -Pbench -pl deploy -am}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class DashboardStreamBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 1000);
    static final int BURSTS = 10;

    @Test
    void thousandClientsDuringABurstOfTwentyPairs() throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        ServerAddress redis = RealServers.redis();
        Path logs = Files.createDirectories(Path.of("target/dashboard-bench-logs"));
        SuiteData data = new SuiteData(24 * 21);
        Vertx vertx = Vertx.vertx();
        try (DashboardFixture fixture = new DashboardFixture(redis, prefix, data);
             ServiceProcess dashboard = new ServiceProcess("dashboard-service", Map.of("REDIS_HOST", redis.host(),
                     "REDIS_PORT", String.valueOf(redis.port()), "FX_PREFIX", prefix,
                     // every benchmark client comes from 127.0.0.1: one address past the per-client HTTP limit
                     "FX_RATE_LIMIT", "100000",
                     // the JVM as the image runs it in its pod: the image's flags, sized from the pod's memory limit
                     "JDK_JAVA_OPTIONS", PodJvm.options("dashboard-service") + " " + System.getProperty("bench.jvm", "")), logs).start()) {
            dashboard.awaitReady(Duration.ofSeconds(90));
            System.out.printf("BENCH dashboard JVM (the pod's): %s%n", PodJvm.options("dashboard-service"));
            System.out.printf("BENCH dashboard RSS idle, no clients: %d MiB%n", dashboard.rssMiB());
            run("baseline, 1 client", 1, vertx, fixture, dashboard.port(), dashboard);
            try (BareRelay bare = new BareRelay(redis, List.of(fixture.channels.dataReady(),
                    fixture.channels.volatilityAlerts()))) {
                run("bare Vert.x relay in the benchmark's JVM, " + CLIENTS + " clients", CLIENTS, vertx,
                        fixture, bare.port(), null);
            }
            run(CLIENTS + " clients", CLIENTS, vertx, fixture, dashboard.port(), dashboard);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** @param dashboard the service behind {@code port}, for its RSS and counters; null for the bare relay */
    private static void run(String label, int clients, Vertx vertx, DashboardFixture fixture, int port,
            ServiceProcess dashboard) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
        int perBurst = 2 * fixture.data.bars.size();
        int expected = clients * perBurst * BURSTS;
        // latencies in microseconds, one slot per delivered message
        AtomicLongArray latencies = new AtomicLongArray(expected);
        AtomicLong delivered = new AtomicLong();
        AtomicLong subscribed = new AtomicLong();
        List<WebSocket> sockets = new ArrayList<>();
        for (int start = 0; start < clients; start += 100) {
            List<Future<WebSocket>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(clients, start + 100); i++) {
                batch.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                        .setURI("/stream")));
            }
            for (Future<WebSocket> f : batch) {
                WebSocket ws = f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                ws.textMessageHandler(text -> {
                    Instant now = Instant.now();
                    if (text.startsWith("{\"op\":\"subscribed\"")) {
                        subscribed.incrementAndGet();
                        return;
                    }
                    int at = text.indexOf("\"ts\":\"");
                    if (at < 0 || text.contains("\"snapshot\":true")) {
                        return;
                    }
                    Instant ts = Instant.parse(text.substring(at + 6, text.indexOf('"', at + 6)));
                    long slot = delivered.getAndIncrement();
                    if (slot < expected) {
                        latencies.set((int) slot, Duration.between(ts, now).toNanos() / 1000);
                    }
                });
                ws.writeTextMessage("{\"op\":\"subscribe\",\"channels\":[\"metrics\",\"volatility_alerts\"]}");
                sockets.add(ws);
            }
        }
        if (dashboard != null) {
            // the service answers each subscribe op; a burst sent before it was taken would never fully arrive
            await().atMost(Duration.ofSeconds(60)).until(() -> subscribed.get() >= clients);
        }
        long rssConnected = dashboard == null ? 0 : dashboard.rssMiB();
        long maxRss = rssConnected;
        long started = System.nanoTime();
        double clientCpu = cpuSeconds(ProcessHandle.current());
        double serviceCpu = dashboard == null ? 0 : cpuSeconds(ProcessHandle.of(dashboard.pid()).orElseThrow());
        for (int burst = 0; burst < BURSTS; burst++) {
            for (Pair pair : fixture.data.bars.keySet()) {
                int t = fixture.data.last(pair) - BURSTS + burst + 1;
                VolatilityMetrics m = fixture.data.metrics(pair, t);
                fixture.publish(fixture.channels.dataReady(), fixture.codec.encode(MetricsReady.of(Instant.now(), pair,
                        Granularity.H1, List.of(m))));
                fixture.publish(fixture.channels.volatilityAlerts(), fixture.codec.encode(new VolatilityAlert(
                        Instant.now(), pair, Granularity.H1, m.hv20(), 0.9 * m.hv20(), Severity.CRITICAL, m.time())));
            }
            long target = (long) clients * perBurst * (burst + 1);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> delivered.get() >= target);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                System.out.printf("BENCH dashboard %s: burst %d stalled at %,d of %,d deliveries; service counters:%n%s%n",
                        label, burst, delivered.get(), target, dashboard == null ? "-" : streamCounters(dashboard));
                throw e;
            }
            maxRss = dashboard == null ? 0 : Math.max(maxRss, dashboard.rssMiB());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clientCpu = cpuSeconds(ProcessHandle.current()) - clientCpu;
        serviceCpu = dashboard == null ? 0 : cpuSeconds(ProcessHandle.of(dashboard.pid()).orElseThrow()) - serviceCpu;
        assertThat(delivered.get()).isEqualTo(expected);
        long[] sorted = new long[expected];
        for (int i = 0; i < expected; i++) {
            sorted[i] = latencies.get(i);
        }
        Arrays.sort(sorted);
        System.out.printf("BENCH dashboard %s: %,d messages delivered (%d bursts of %d) in %.2f s; publish->client "
                        + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; RSS connected %d MiB, max during bursts %d MiB%n",
                label, expected, BURSTS, perBurst, seconds, sorted[expected / 2] / 1000.0,
                sorted[(int) (expected * 0.99)] / 1000.0, sorted[expected - 1] / 1000.0, rssConnected, maxRss);
        System.out.printf("BENCH dashboard %s: CPU during the bursts: service %.2f s, benchmark JVM (clients%s) %.2f s, "
                + "of %.2f s on 2 cores%n", label, serviceCpu, dashboard == null ? " and bare relay" : "", clientCpu,
                2 * seconds);
        if (dashboard != null) {
            System.out.printf("BENCH dashboard %s service counters:%n%s%n", label, streamCounters(dashboard));
        }
        for (WebSocket ws : sockets) {
            ws.close();
        }
        client.close();
    }

    private static double cpuSeconds(ProcessHandle process) {
        return CpuMeter.cpuNanos(process) / 1e9;
    }

    /** The service's own stream meters (clients, frames out, dropped, slow clients closed, refused). */
    private static String streamCounters(ServiceProcess dashboard) throws Exception {
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + dashboard.port()
                        + "/q/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (metrics.statusCode() != 200) {
            return "  /q/metrics answered " + metrics.statusCode() + " " + metrics.headers().map();
        }
        return metrics.body().lines().filter(l -> l.startsWith("fx_dashboard")).map(l -> "  " + l)
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
