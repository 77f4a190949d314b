package io.fxpipeline.analytics.bench;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.awaitility.Awaitility.await;

/**
 * Candles per second from data_ready messages to stored metric rows, through real Redis and PostgreSQL:
 * 20 pairs × 2,000 candles in 500-candle messages, as ingest publishes a backfill.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class IngestThroughputBenchmark {

    static final int CANDLES = 2000;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @Test
    void candlesPerSecondIntoStoredMetrics() {
        MessageCodec codec = new MessageCodec();
        List<String> messages = new ArrayList<>();
        Random random = new Random(5);
        Instant start = Instant.parse("2023-01-02T00:00:00Z");
        for (Pair pair : TrackedPairs.DEFAULT) {
            double close = 1.1;
            List<Candle> candles = new ArrayList<>();
            for (int i = 0; i < CANDLES; i++) {
                double open = close;
                close = open * Math.exp(random.nextGaussian() * 0.001);
                BigDecimal o = BigDecimal.valueOf(open).setScale(5, RoundingMode.HALF_EVEN);
                BigDecimal c = BigDecimal.valueOf(close).setScale(5, RoundingMode.HALF_EVEN);
                candles.add(new Candle(start.plusSeconds(3600L * i), o, o.max(c).add(new BigDecimal("0.00040")),
                        o.min(c).subtract(new BigDecimal("0.00040")), c, 100L));
            }
            for (int chunk = 0; chunk < CANDLES / 500; chunk++) {
                messages.add(codec.encode(CandlesReady.live(Instant.now(), pair, Granularity.H1, chunk + 1,
                        candles.subList(chunk * 500, (chunk + 1) * 500))));
            }
        }
        String channel = new Channels(prefix).dataReady();
        long started = System.nanoTime();
        for (String message : messages) {
            redis.pubsub(String.class).publish(channel, message).await().atMost(Duration.ofSeconds(5));
        }
        long expected = 20L * CANDLES;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> pool
                .query("SELECT count(*) FROM analytics.volatility_metrics").execute()
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == expected);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("BENCH analytics data_ready -> stored metrics: %,d candles in %.2f s = %,.0f candles/s%n",
                expected, seconds, expected / seconds);
    }
}
