package io.fxpipeline.testing.bench;

import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.message.Candle;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The consumers' year benchmarks' common run: a year of the 20 default pairs (175,200 H1 candles) published on
 * {@code data_ready} in messages of {@code chunk} candles, pair beside pair and each pair in order as ingest does,
 * timed until the service has stored a row for every candle, with the JVM's and PostgreSQL's CPU over that time.
 * <p>
 * The publisher stays at most a few rounds (one message per pair) ahead of what the service has stored, like ingest
 * publishing as it stores: a year published at once outruns the subscription's bound on waiting messages (16 MiB),
 * whose overflow a consumer leaves to ingest's replay, and no ingest runs here. Progress is read by primary key (the
 * newest bar of each pair), not by counting the growing table, so the probe costs PostgreSQL next to nothing.
 */
public final class YearLoad {

    /** Characters of published, not yet stored messages the publisher allows: half the subscription's bound. */
    private static final long LEAD_CHARS = 8L << 20;

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

    /**
     * Publishes the year on {@code channel}, round by round within {@link #LEAD_CHARS} of what {@code table} holds
     * (a table keyed by pair, granularity and time), waits until it holds every pair's last bar, then checks that it
     * holds a row per candle.
     */
    public static Result run(ReactiveRedisDataSource redis, String channel, CpuMeter cpu, Pool pool, String table) {
        int chunk = Integer.getInteger("bench.chunk", 500);
        Map<Pair, List<Candle>> year = SyntheticCandles.walks(TrackedPairs.DEFAULT,
                Instant.parse("2023-01-02T00:00:00Z"), SyntheticCandles.YEAR_H1);
        Map<Pair, List<String>> messages = SyntheticCandles.messages(year, chunk);
        long expected = year.values().stream().mapToLong(List::size).sum();
        int rounds = messages.values().stream().mapToInt(List::size).max().orElse(0);

        cpu.start();
        long started = System.nanoTime();
        Deque<Round> unconfirmed = new ArrayDeque<>();
        long leadChars = 0;
        for (int r = 0; r < rounds; r++) {
            Round round = Round.of(year, messages, chunk, r);
            while (!unconfirmed.isEmpty() && leadChars + round.chars() > LEAD_CHARS) {
                Round oldest = unconfirmed.peekFirst();
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                        .until(() -> allStored(pool, table, oldest.lastBars()));
                leadChars -= unconfirmed.removeFirst().chars();
            }
            SyntheticCandles.publish(redis, channel, round.messages()).await().atMost(Duration.ofMinutes(1));
            unconfirmed.addLast(round);
            leadChars += round.chars();
        }
        double published = (System.nanoTime() - started) / 1e9;
        Map<Pair, Instant> last = new LinkedHashMap<>();
        year.forEach((pair, candles) -> last.put(pair, candles.get(candles.size() - 1).time()));
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> allStored(pool, table, last));
        double seconds = (System.nanoTime() - started) / 1e9;
        CpuMeter.Used used = cpu.stop();
        long rows = pool.query("SELECT count(*) FROM " + table).execute().await().atMost(Duration.ofSeconds(30))
                .iterator().next().getLong(0);
        if (rows != expected) {
            throw new IllegalStateException("every pair's last bar is stored, but " + rows + " rows of " + expected);
        }
        return new Result(year, chunk, messages.values().stream().mapToInt(List::size).sum(), expected, seconds,
                published, used);
    }

    /** Whether {@code table} holds a row for each of these bars (pair → open time): one lookup a bar by its key. */
    private static boolean allStored(Pool pool, String table, Map<Pair, Instant> bars) {
        String[] pairs = bars.keySet().stream().map(Pair::name).toArray(String[]::new);
        OffsetDateTime[] times = bars.values().stream().map(t -> t.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new);
        long found = pool.preparedQuery("SELECT count(*) FROM " + table + " s JOIN UNNEST($1::text[], $2::timestamptz[])"
                        + " AS b(pair, time) ON s.pair = b.pair AND s.granularity = 'H1' AND s.time = b.time")
                .execute(Tuple.of(pairs, times)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        return found == bars.size();
    }

    /** The r-th message of every pair, and the open time of each one's last candle. */
    private record Round(Map<Pair, List<String>> messages, Map<Pair, Instant> lastBars, long chars) {

        static Round of(Map<Pair, List<Candle>> year, Map<Pair, List<String>> all, int chunk, int r) {
            Map<Pair, List<String>> messages = new LinkedHashMap<>();
            Map<Pair, Instant> last = new LinkedHashMap<>();
            long chars = 0;
            for (Map.Entry<Pair, List<String>> e : all.entrySet()) {
                if (r < e.getValue().size()) {
                    String message = e.getValue().get(r);
                    List<Candle> candles = year.get(e.getKey());
                    messages.put(e.getKey(), List.of(message));
                    last.put(e.getKey(), candles.get(Math.min(candles.size(), (r + 1) * chunk) - 1).time());
                    chars += message.length();
                }
            }
            return new Round(messages, last, chars);
        }
    }
}
