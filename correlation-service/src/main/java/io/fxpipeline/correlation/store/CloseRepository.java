package io.fxpipeline.correlation.store;

import io.fxpipeline.correlation.ClosePoint;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** correlation.closes: this service's own copy of the closes it received. */
@ApplicationScoped
public class CloseRepository {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;

    public CloseRepository(Pool pool) {
        this.pool = pool;
    }

    /** Idempotent: a redelivered candle changes nothing, a corrected one replaces the close. */
    public Uni<Void> upsert(SqlClient client, Pair pair, Granularity granularity, List<Candle> candles) {
        OffsetDateTime[] times = new OffsetDateTime[candles.size()];
        Double[] closes = new Double[candles.size()];
        for (int i = 0; i < candles.size(); i++) {
            times[i] = candles.get(i).time().atOffset(ZoneOffset.UTC);
            closes[i] = candles.get(i).close().doubleValue();
        }
        return client.preparedQuery("""
                        INSERT INTO correlation.closes (pair, granularity, time, close)
                        SELECT $1, $2, t, c FROM UNNEST($3::timestamptz[], $4::float8[]) AS u(t, c)
                        ON CONFLICT (pair, granularity, time) DO UPDATE SET close = EXCLUDED.close, received_at = now()
                        WHERE correlation.closes.close IS DISTINCT FROM EXCLUDED.close""")
                .execute(Tuple.of(pair.name(), granularity.name(), times, closes))
                .ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
    }

    public Uni<Void> upsert(Pair pair, Granularity granularity, List<Candle> candles) {
        return upsert(pool, pair, granularity, candles);
    }

    /** The last {@code window} closes of each pair, ascending by time. */
    public Uni<Map<Pair, List<ClosePoint>>> lastCloses(SqlClient client, List<Pair> pairs, Granularity granularity,
            int window) {
        String[] names = pairs.stream().map(Pair::name).toArray(String[]::new);
        return client.preparedQuery("""
                        SELECT pair, time, close FROM (
                            SELECT pair, time, close,
                                   row_number() OVER (PARTITION BY pair ORDER BY time DESC) AS newest
                            FROM correlation.closes WHERE granularity = $1 AND pair = ANY($2)) recent
                        WHERE newest <= $3 ORDER BY pair, time""")
                .execute(Tuple.of(granularity.name(), names, window))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    Map<Pair, List<ClosePoint>> byPair = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byPair.computeIfAbsent(Pair.of(row.getString(0)), p -> new java.util.ArrayList<>())
                                .add(new ClosePoint(row.getOffsetDateTime(1).toInstant(), row.getDouble(2)));
                    }
                    return byPair;
                });
    }

    /** The last {@code window} closes of each pair among candles open at or before {@code lastOpen}, ascending. */
    public Uni<Map<Pair, List<ClosePoint>>> lastCloses(SqlClient client, List<Pair> pairs, Granularity granularity,
            int window, Instant lastOpen) {
        String[] names = pairs.stream().map(Pair::name).toArray(String[]::new);
        return client.preparedQuery("""
                        SELECT pair, time, close FROM (
                            SELECT pair, time, close,
                                   row_number() OVER (PARTITION BY pair ORDER BY time DESC) AS newest
                            FROM correlation.closes WHERE granularity = $1 AND pair = ANY($2) AND time <= $4) recent
                        WHERE newest <= $3 ORDER BY pair, time""")
                .execute(Tuple.of(granularity.name(), names, window, lastOpen.atOffset(ZoneOffset.UTC)))
                .ifNoItem().after(TIMEOUT).fail()
                .map(CloseRepository::byPair);
    }

    /** Every close of the pairs with open time in [{@code from}, {@code to}], ascending: one read for a history. */
    public Uni<Map<Pair, List<ClosePoint>>> between(SqlClient client, List<Pair> pairs, Granularity granularity,
            Instant from, Instant to) {
        String[] names = pairs.stream().map(Pair::name).toArray(String[]::new);
        return client.preparedQuery("""
                        SELECT pair, time, close FROM correlation.closes
                        WHERE granularity = $1 AND pair = ANY($2) AND time >= $3 AND time <= $4 ORDER BY pair, time""")
                .execute(Tuple.of(granularity.name(), names, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .ifNoItem().after(TIMEOUT).fail()
                .map(CloseRepository::byPair);
    }

    /**
     * Open time of each pair's oldest and newest stored candle (pairs without closes are absent). Each end is one step
     * on the primary key per pair; a {@code GROUP BY pair} over the closes read all of them (40 ms at a year of H1).
     */
    public Uni<Map<Pair, Span>> spans(SqlClient client, List<Pair> pairs, Granularity granularity) {
        String[] names = pairs.stream().map(Pair::name).toArray(String[]::new);
        return client.preparedQuery("""
                        SELECT pair, oldest, newest FROM (
                            SELECT p.pair,
                                   (SELECT min(c.time) FROM correlation.closes c WHERE c.pair = p.pair AND c.granularity = $1) AS oldest,
                                   (SELECT max(c.time) FROM correlation.closes c WHERE c.pair = p.pair AND c.granularity = $1) AS newest
                            FROM unnest($2::text[]) AS p(pair)) AS span
                        WHERE newest IS NOT NULL""")
                .execute(Tuple.of(granularity.name(), names))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    Map<Pair, Span> spans = new LinkedHashMap<>();
                    for (Row row : rows) {
                        spans.put(Pair.of(row.getString(0)), new Span(row.getOffsetDateTime(1).toInstant(),
                                row.getOffsetDateTime(2).toInstant()));
                    }
                    return spans;
                });
    }

    /** Open times of a pair's oldest and newest stored candle. */
    public record Span(Instant oldest, Instant newest) {
    }

    private static Map<Pair, List<ClosePoint>> byPair(Iterable<Row> rows) {
        Map<Pair, List<ClosePoint>> byPair = new LinkedHashMap<>();
        for (Row row : rows) {
            byPair.computeIfAbsent(Pair.of(row.getString(0)), p -> new java.util.ArrayList<>())
                    .add(new ClosePoint(row.getOffsetDateTime(1).toInstant(), row.getDouble(2)));
        }
        return byPair;
    }

    /** Retention: closes older than the cut-off go. */
    public Uni<Integer> deleteBefore(io.vertx.mutiny.sqlclient.SqlClient client, Instant cutoff) {
        return client.preparedQuery("DELETE FROM correlation.closes WHERE time < $1")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .ifNoItem().after(TIMEOUT).fail().map(rows -> rows.rowCount());
    }
}
