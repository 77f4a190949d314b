package io.fxpipeline.correlation.bench;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.bench.CopyBaseline;
import io.fxpipeline.testing.bench.CpuMeter;
import io.fxpipeline.testing.bench.SyntheticCandles;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * Candles per second from data_ready messages to correlation's stored closes, through real Redis and PostgreSQL: a
 * year of the 20 default pairs (175,200 H1 candles) in 500-candle messages ({@code -Dbench.chunk}). Baseline in the
 * same run: COPY of the same close rows into an unlogged table.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ClosesThroughputBenchmark {

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @ConfigProperty(name = "fx-test.database")
    String database;

    @Test
    void aYearOfTwentyPairsIntoStoredCloses() {
        int chunk = Integer.getInteger("bench.chunk", 500);
        Map<Pair, List<Candle>> year = SyntheticCandles.walks(TrackedPairs.DEFAULT,
                Instant.parse("2023-01-02T00:00:00Z"), SyntheticCandles.YEAR_H1);
        Map<Pair, List<String>> messages = SyntheticCandles.messages(year, chunk);
        long expected = year.values().stream().mapToLong(List::size).sum();
        String channel = new Channels(prefix).dataReady();

        CpuMeter cpu = new CpuMeter(jdbcUrl, user, password.orElse(""), database);
        cpu.start();
        long started = System.nanoTime();
        SyntheticCandles.publish(redis, channel, messages).await().atMost(Duration.ofMinutes(5));
        double published = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> pool
                .query("SELECT count(*) FROM correlation.closes").execute()
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == expected);
        double seconds = (System.nanoTime() - started) / 1e9;
        CpuMeter.Used used = cpu.stop();

        StringBuilder csv = new StringBuilder(10 << 20);
        year.forEach((pair, candles) -> candles.forEach(c -> csv.append(pair.name()).append(",H1,").append(c.time())
                .append(',').append(c.close().doubleValue()).append('\n')));
        double copy = CopyBaseline.copySeconds(jdbcUrl, user, password.orElse(""), "correlation.closes",
                "pair, granularity, time, close", csv.toString());
        System.out.printf("BENCH correlation data_ready -> stored closes: %,d candles (%d pairs, %d messages of <= %d) "
                        + "in %.2f s = %,.0f candles/s (all published after %.2f s); %s (%.1f ms per 1,000 candles)%n",
                expected, year.size(), messages.values().stream().mapToInt(List::size).sum(), chunk, seconds, expected / seconds, published, used,
                (used.jvm() + used.postgres()) * 1e6 / expected);
        System.out.printf("BENCH correlation baseline COPY of the same %,d close rows into an unlogged table: %.2f s = "
                + "%,.0f rows/s; pipeline / COPY time = %.1fx%n", expected, copy, expected / copy, seconds / copy);
    }
}
