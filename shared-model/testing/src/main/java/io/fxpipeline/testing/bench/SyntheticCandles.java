package io.fxpipeline.testing.bench;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Benchmark input: seeded hourly random walks per pair, and the data_ready messages ingest would publish for them. */
public final class SyntheticCandles {

    /** One H1 year: 365 × 24 candles. */
    public static final int YEAR_H1 = 8760;

    private SyntheticCandles() {
    }

    /** {@code n} consecutive hourly candles from {@code start}, five decimals, valid OHLC. */
    public static List<Candle> walk(Instant start, int n, long seed) {
        Random random = new Random(seed);
        double close = 1.1 + random.nextDouble();
        List<Candle> candles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double open = close;
            close = open * Math.exp(random.nextGaussian() * 0.001);
            BigDecimal o = price(open);
            BigDecimal c = price(close);
            candles.add(new Candle(start.plusSeconds(3600L * i), o, o.max(c).add(new BigDecimal("0.00040")),
                    o.min(c).subtract(new BigDecimal("0.00040")), c, 100L + i));
        }
        return candles;
    }

    /** A walk for each pair (seeded by its position). */
    public static Map<Pair, List<Candle>> walks(List<Pair> pairs, Instant start, int n) {
        Map<Pair, List<Candle>> byPair = new LinkedHashMap<>();
        for (int p = 0; p < pairs.size(); p++) {
            byPair.put(pairs.get(p), walk(start, n, 1000L + p));
        }
        return byPair;
    }

    /** Live candle messages of at most {@code chunk} candles per pair, seq 1, 2, …, as ingest publishes them. */
    public static Map<Pair, List<String>> messages(Map<Pair, List<Candle>> byPair, int chunk) {
        MessageCodec codec = new MessageCodec();
        Map<Pair, List<String>> messages = new LinkedHashMap<>();
        byPair.forEach((pair, candles) -> {
            List<String> own = new ArrayList<>();
            long seq = 1;
            for (int from = 0; from < candles.size(); from += chunk) {
                own.add(codec.encode(CandlesReady.live(Instant.now(), pair, Granularity.H1, seq++,
                        candles.subList(from, Math.min(candles.size(), from + chunk)))));
            }
            messages.put(pair, own);
        });
        return messages;
    }

    /**
     * Publishes the pairs side by side, each pair's messages one after the other (the next only once Redis took the
     * previous), so every subscriber sees each pair in order; completes when all are published.
     */
    public static Uni<Void> publish(ReactiveRedisDataSource redis, String channel, Map<Pair, List<String>> messages) {
        return Multi.createFrom().iterable(messages.values())
                .onItem().transformToUniAndMerge(own -> Multi.createFrom().iterable(own)
                        .onItem().transformToUniAndConcatenate(m -> redis.pubsub(String.class).publish(channel, m))
                        .collect().last())
                .collect().last().replaceWithVoid();
    }

    private static BigDecimal price(double v) {
        return BigDecimal.valueOf(v).setScale(5, RoundingMode.HALF_EVEN);
    }
}
