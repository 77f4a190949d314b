package io.fxpipeline.testing.bench;

import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.message.Candle;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import static org.awaitility.Awaitility.await;

/**
 * The consumers' year benchmarks' common run: a year of the 20 default pairs (175,200 H1 candles) published on
 * {@code data_ready} in messages of {@code chunk} candles, pair beside pair and each pair in order as ingest does,
 * timed until the service has stored a row for every candle, with the JVM's and PostgreSQL's CPU over that time.
 */
public final class YearLoad {

    /** What one run took. */
    public record Result(Map<Pair, List<Candle>> year, int chunk, int messages, long candles, double seconds,
            double publishedAfter, CpuMeter.Used cpu) {

        /** The run as one line of a {@code BENCH} report. */
        public String summary() {
            return String.format("%,d candles (%d pairs, %d messages of <= %d) in %.2f s = %,.0f candles/s (all published "
                            + "after %.2f s); %s (%.1f ms per 1,000 candles)", candles, year.size(), messages, chunk,
                    seconds, candles / seconds, publishedAfter, cpu, (cpu.jvm() + cpu.postgres()) * 1e6 / candles);
        }
    }

    private YearLoad() {
    }

    /** Publishes the year on {@code channel} and waits until {@code storedRows} counts a row per candle. */
    public static Result run(ReactiveRedisDataSource redis, String channel, CpuMeter cpu, LongSupplier storedRows) {
        int chunk = Integer.getInteger("bench.chunk", 500);
        Map<Pair, List<Candle>> year = SyntheticCandles.walks(TrackedPairs.DEFAULT,
                Instant.parse("2023-01-02T00:00:00Z"), SyntheticCandles.YEAR_H1);
        Map<Pair, List<String>> messages = SyntheticCandles.messages(year, chunk);
        long expected = year.values().stream().mapToLong(List::size).sum();

        cpu.start();
        long started = System.nanoTime();
        SyntheticCandles.publish(redis, channel, messages).await().atMost(Duration.ofMinutes(5));
        double published = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> storedRows.getAsLong() == expected);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(year, chunk, messages.values().stream().mapToInt(List::size).sum(), expected, seconds,
                published, cpu.stop());
    }
}
