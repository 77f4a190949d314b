package io.fxpipeline.analytics.bench;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.Message;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.bench.SyntheticCandles;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * The live hourly cycle: each tick brings one candle per pair (20 messages); latency is from just before a candle is
 * published on data_ready to the moment its metrics row, stored and committed, is announced back on data_ready.
 * Warmed by 200 hours of history per pair and 20 ticks not counted. Baseline in the same run: the same payloads published to a channel nobody
 * processes, publish → received (the Redis round trip every candle pays anyway).
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class LiveCycleLatencyBenchmark {

    private static final int HISTORY = 200;
    /** Ticks played before measuring, so the JIT has compiled the hourly path as in a service that has run a while. */
    private static final int WARM_UP = 20;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    private final MessageCodec codec = new MessageCodec();

    @Test
    void candlePublishedToMetricsStored() throws InterruptedException {
        int ticks = Integer.getInteger("bench.ticks", 200);
        List<Pair> pairs = TrackedPairs.DEFAULT;
        Map<Pair, List<Candle>> series = SyntheticCandles.walks(pairs, Instant.parse("2024-01-01T00:00:00Z"),
                HISTORY + WARM_UP + ticks);
        Channels channels = new Channels(prefix);
        Arrivals announced = new Arrivals();
        ReactiveRedisSubscriber metrics = subscribe(channels.dataReady(), payload -> {
            if (payload.contains("\"type\":\"metrics\"")) {
                long now = System.nanoTime();
                MetricsReady m = codec.decode(payload, MetricsReady.class);
                announced.arrived(key(m.pair(), m.metrics().get(m.metrics().size() - 1).time()), now);
            }
        });
        Arrivals echoed = new Arrivals();
        String echo = prefix + "bench_echo";
        ReactiveRedisSubscriber echoes = subscribe(echo, payload -> {
            long now = System.nanoTime();
            CandlesReady c = codec.decode(payload, CandlesReady.class);
            echoed.arrived(key(c.pair(), c.candles().get(0).time()), now);
        });
        try {
            for (Pair pair : pairs) {
                publish(channels.dataReady(), CandlesReady.live(Instant.now(), pair, Granularity.H1, 1,
                        series.get(pair).subList(0, HISTORY)));
            }
            await().atMost(WAIT).until(() -> pairs.stream().allMatch(p ->
                    announced.has(key(p, series.get(p).get(HISTORY - 1).time()))));

            List<Double> service = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            for (int tick = 0; tick < WARM_UP + ticks; tick++) {
                List<Double> s = tick(channels.dataReady(), pairs, series, HISTORY + tick, announced);
                List<Double> f = tick(echo, pairs, series, HISTORY + tick, echoed);
                if (tick >= WARM_UP) {
                    service.addAll(s);
                    floor.addAll(f);
                }
            }
            System.out.printf("BENCH analytics live cycle, candle published -> its metrics stored and announced: "
                    + "%d ticks x %d pairs after %d warm-up ticks: p50 %.1f ms, p99 %.1f ms, max %.1f ms (goal p50 < 15, p99 < 40)%n",
                    ticks, pairs.size(), WARM_UP, percentile(service, 50), percentile(service, 99), percentile(service, 100));
            System.out.printf("BENCH analytics live cycle baseline, the same payloads published -> received, nobody "
                    + "processing: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    percentile(floor, 50), percentile(floor, 99), percentile(floor, 100));
        } finally {
            metrics.unsubscribe().await().atMost(WAIT);
            echoes.unsubscribe().await().atMost(WAIT);
        }
    }

    /**
     * One hourly tick: one candle per pair, published one after the other; answers each candle's latency in ms. The
     * wait is a latch counted down by the subscriber: polling (even Awaitility's every millisecond) took most of a
     * core from the two the service runs on.
     */
    private List<Double> tick(String channel, List<Pair> pairs, Map<Pair, List<Candle>> series, int index,
            Arrivals arrivals) throws InterruptedException {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        List<String> payloads = new ArrayList<>();
        for (Pair pair : pairs) {
            Candle candle = series.get(pair).get(index);
            payloads.add(codec.encode(CandlesReady.live(Instant.now(), pair, Granularity.H1, index - HISTORY + 2,
                    List.of(candle))));
            sent.put(key(pair, candle.time()), 0L);
        }
        CountDownLatch all = arrivals.expect(sent.keySet());
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            sent.put(key(pair, series.get(pair).get(index).time()), System.nanoTime());
            redis.pubsub(String.class).publish(channel, payloads.get(i)).await().atMost(WAIT);
        }
        if (!all.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("tick " + index + " on " + channel + " not answered within " + WAIT);
        }
        List<Double> latencies = new ArrayList<>();
        sent.forEach((key, at) -> latencies.add((arrivals.at(key) - at) / 1e6));
        return latencies;
    }

    /** When each key arrived, and a latch for the keys a tick waits for. */
    private static final class Arrivals {
        private final Map<String, Long> times = new ConcurrentHashMap<>();
        private volatile Set<String> awaited = Set.of();
        private volatile CountDownLatch latch = new CountDownLatch(0);

        CountDownLatch expect(Set<String> keys) {
            awaited = Set.copyOf(keys);
            latch = new CountDownLatch(keys.size());
            return latch;
        }

        void arrived(String key, long nanos) {
            if (times.putIfAbsent(key, nanos) == null && awaited.contains(key)) {
                latch.countDown();
            }
        }

        boolean has(String key) {
            return times.containsKey(key);
        }

        long at(String key) {
            return times.get(key);
        }
    }

    private void publish(String channel, Message message) {
        redis.pubsub(String.class).publish(channel, codec.encode(message)).await().atMost(WAIT);
    }

    private ReactiveRedisSubscriber subscribe(String channel, Consumer<String> onPayload) {
        return redis.pubsub(String.class).subscribe(channel, onPayload).await().atMost(WAIT);
    }

    private static String key(Pair pair, Instant time) {
        return pair.name() + "@" + time;
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
