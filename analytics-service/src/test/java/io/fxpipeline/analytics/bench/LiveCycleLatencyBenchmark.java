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
import java.util.concurrent.ConcurrentHashMap;
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
    void candlePublishedToMetricsStored() {
        int ticks = Integer.getInteger("bench.ticks", 200);
        List<Pair> pairs = TrackedPairs.DEFAULT;
        Map<Pair, List<Candle>> series = SyntheticCandles.walks(pairs, Instant.parse("2024-01-01T00:00:00Z"),
                HISTORY + WARM_UP + ticks);
        Channels channels = new Channels(prefix);
        Map<String, Long> announced = new ConcurrentHashMap<>();
        ReactiveRedisSubscriber metrics = subscribe(channels.dataReady(), payload -> {
            if (payload.contains("\"type\":\"metrics\"")) {
                MetricsReady m = codec.decode(payload, MetricsReady.class);
                announced.put(key(m.pair(), m.metrics().get(m.metrics().size() - 1).time()), System.nanoTime());
            }
        });
        Map<String, Long> echoed = new ConcurrentHashMap<>();
        String echo = prefix + "bench_echo";
        ReactiveRedisSubscriber echoes = subscribe(echo, payload -> {
            CandlesReady c = codec.decode(payload, CandlesReady.class);
            echoed.put(key(c.pair(), c.candles().get(0).time()), System.nanoTime());
        });
        try {
            for (Pair pair : pairs) {
                publish(channels.dataReady(), CandlesReady.live(Instant.now(), pair, Granularity.H1, 1,
                        series.get(pair).subList(0, HISTORY)));
            }
            await().atMost(WAIT).until(() -> pairs.stream().allMatch(p ->
                    announced.containsKey(key(p, series.get(p).get(HISTORY - 1).time()))));

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

    /** One hourly tick: one candle per pair, published one after the other; answers each candle's latency in ms. */
    private List<Double> tick(String channel, List<Pair> pairs, Map<Pair, List<Candle>> series, int index,
            Map<String, Long> arrivals) {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        for (Pair pair : pairs) {
            Candle candle = series.get(pair).get(index);
            String payload = codec.encode(CandlesReady.live(Instant.now(), pair, Granularity.H1,
                    index - HISTORY + 2, List.of(candle)));
            sent.put(key(pair, candle.time()), System.nanoTime());
            redis.pubsub(String.class).publish(channel, payload).await().atMost(WAIT);
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> arrivals.keySet().containsAll(sent.keySet()));
        List<Double> latencies = new ArrayList<>();
        sent.forEach((key, at) -> latencies.add((arrivals.get(key) - at) / 1e6));
        return latencies;
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
