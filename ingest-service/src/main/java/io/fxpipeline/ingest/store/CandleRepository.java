package io.fxpipeline.ingest.store;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ingest.candles and the per-series sequence numbers of data_ready messages. SQL lives here. */
@ApplicationScoped
public class CandleRepository {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Candles one store actually inserted or changed, and the sequence number they were stored under. */
    public record Stored(long seq, List<Candle> candles) {
    }

    /** Candles of a replay and the series' sequence number as of the same snapshot. */
    public record Replay(long seq, List<Candle> candles) {
    }

    /**
     * Upserts a chunk in the caller's transaction. The series row is locked first, so concurrent writers of
     * one series take turns and sequence numbers never repeat or skip; a chunk that changes nothing takes no
     * number.
     */
    public Uni<Stored> upsert(SqlClient tx, Pair pair, Granularity g, String source, List<Candle> candles) {
        // Two round trips: the series row created or locked (a no-op update takes the row lock, like FOR UPDATE)
        // with its number read in one statement, then the candles written and the number taken in another.
        return tx.preparedQuery("""
                        INSERT INTO ingest.series_sequences (pair, granularity, last_seq) VALUES ($1, $2, 0)
                        ON CONFLICT (pair, granularity) DO UPDATE SET last_seq = ingest.series_sequences.last_seq
                        RETURNING last_seq""")
                .execute(Tuple.of(pair.name(), g.name()))
                .map(rows -> rows.iterator().next().getLong(0) + 1)
                .chain(next -> write(tx, pair, g, source, candles, next)
                        .map(changed -> changed.isEmpty() ? new Stored(0, List.of()) : new Stored(next, changed)))
                .ifNoItem().after(TIMEOUT).fail();
    }

    /**
     * Upserts the candles under {@code seq} and, when any row was inserted or changed, sets the series' number to
     * it in the same statement; answers the changed candles. RETURNING brings back only their times: the values
     * stored are the ones sent, so they are taken from {@code candles} instead of decoded again.
     */
    private Uni<List<Candle>> write(SqlClient tx, Pair pair, Granularity g, String source, List<Candle> candles, long seq) {
        int n = candles.size();
        OffsetDateTime[] t = new OffsetDateTime[n];
        BigDecimal[] o = new BigDecimal[n];
        BigDecimal[] h = new BigDecimal[n];
        BigDecimal[] l = new BigDecimal[n];
        BigDecimal[] c = new BigDecimal[n];
        Long[] v = new Long[n];
        for (int i = 0; i < n; i++) {
            Candle k = candles.get(i);
            t[i] = k.time().atOffset(ZoneOffset.UTC);
            o[i] = k.open();
            h[i] = k.high();
            l[i] = k.low();
            c[i] = k.close();
            v[i] = k.volume();
        }
        // numeric comparison ignores scale (1.0535 = 1.05350): a re-quote with other trailing zeros is no change.
        return tx.preparedQuery("""
                        WITH changed AS (
                            INSERT INTO ingest.candles (pair, granularity, time, open, high, low, close, volume, complete, source, seq)
                            SELECT $1, $2, t, o, h, l, c, v, true, $9, $10
                            FROM UNNEST($3::timestamptz[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::bigint[])
                                 AS u(t, o, h, l, c, v)
                            ON CONFLICT (pair, granularity, time) DO UPDATE
                            SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
                                volume = EXCLUDED.volume, source = EXCLUDED.source, seq = EXCLUDED.seq, ingested_at = now()
                            WHERE (ingest.candles.open, ingest.candles.high, ingest.candles.low, ingest.candles.close, ingest.candles.volume)
                                  IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume)
                            RETURNING time),
                        numbered AS (
                            UPDATE ingest.series_sequences SET last_seq = $10
                            WHERE pair = $1 AND granularity = $2 AND EXISTS (SELECT 1 FROM changed))
                        SELECT time FROM changed""")
                .execute(Tuple.from(Arrays.asList(pair.name(), g.name(), t, o, h, l, c, v, source, seq)))
                .map(rows -> {
                    if (rows.size() == n) {
                        return candles;
                    }
                    java.util.Set<Instant> times = new java.util.HashSet<>(rows.size() * 2);
                    rows.forEach(r -> times.add(r.getOffsetDateTime(0).toInstant()));
                    // the input is ascending by time, so the filtered list is too
                    return candles.stream().filter(k -> times.contains(k.time())).toList();
                });
    }

    /** One page of a replay: its candles, how far it goes ({@code throughSeq}) and where the series is ({@code seq}). */
    public record ReplayPage(long seq, long throughSeq, List<Candle> candles) {
    }

    /**
     * Like {@link #replay} but at most about {@code maxRows} candles: whole sequence numbers are taken in order while
     * fewer than {@code maxRows} rows were taken before (at least one, so a page always advances). The series'
     * number is stated even when nothing is left to send (0 for a series never stored).
     */
    public Uni<ReplayPage> replayPage(SqlClient client, Pair pair, Granularity g, Long sinceSeq, Instant since, int maxRows) {
        // One statement, one snapshot: the sequence numbers and the candles agree.
        return client.preparedQuery("""
                        WITH s AS (SELECT coalesce((SELECT last_seq FROM ingest.series_sequences
                                                    WHERE pair = $1 AND granularity = $2), 0) AS last_seq),
                             per AS (SELECT seq, count(*) AS n, sum(count(*)) OVER (ORDER BY seq) AS running
                                     FROM ingest.candles
                                     WHERE pair = $1 AND granularity = $2 AND seq > $3 AND seq <= (SELECT last_seq FROM s)
                                     GROUP BY seq),
                             b AS (SELECT CASE WHEN coalesce(bool_and(running - n < $5), true) THEN (SELECT last_seq FROM s)
                                               ELSE max(seq) FILTER (WHERE running - n < $5) END AS through FROM per)
                        SELECT s.last_seq, greatest(b.through, 0), c.time, c.open, c.high, c.low, c.close, c.volume
                        FROM s CROSS JOIN b
                        LEFT JOIN ingest.candles c ON c.pair = $1 AND c.granularity = $2 AND c.seq > $3
                             AND c.seq <= b.through AND c.time >= $4
                        ORDER BY c.time""")
                .execute(Tuple.of(pair.name(), g.name(), sinceSeq == null ? 0L : sinceSeq,
                        (since == null ? Instant.EPOCH : since).atOffset(ZoneOffset.UTC), (long) maxRows))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    long seq = 0;
                    long through = 0;
                    List<Candle> candles = new ArrayList<>();
                    for (Row r : rows) {
                        seq = r.getLong(0);
                        through = Math.min(seq, r.getLong(1));
                        if (r.getOffsetDateTime(2) != null) {
                            candles.add(new Candle(r.getOffsetDateTime(2).toInstant(), r.getBigDecimal(3),
                                    r.getBigDecimal(4), r.getBigDecimal(5), r.getBigDecimal(6), r.getLong(7)));
                        }
                    }
                    return new ReplayPage(seq, through, candles);
                });
    }

    /** Candles written after {@code sinceSeq} (exact catch-up), or with open time ≥ {@code since}, or all. */
    public Uni<Replay> replay(SqlClient client, Pair pair, Granularity g, Long sinceSeq, Instant since) {
        // One statement, one snapshot: the sequence number and the candles agree.
        return client.preparedQuery("""
                        WITH s AS (SELECT last_seq FROM ingest.series_sequences WHERE pair = $1 AND granularity = $2)
                        SELECT (SELECT last_seq FROM s), time, open, high, low, close, volume FROM ingest.candles
                        WHERE pair = $1 AND granularity = $2 AND seq > $3 AND time >= $4
                          AND seq <= (SELECT last_seq FROM s)
                        ORDER BY time""")
                .execute(Tuple.of(pair.name(), g.name(), sinceSeq == null ? 0L : sinceSeq,
                        (since == null ? Instant.EPOCH : since).atOffset(ZoneOffset.UTC)))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    long seq = rows.size() == 0 ? 0 : rows.iterator().next().getLong(0);
                    List<Candle> candles = new ArrayList<>();
                    rows.forEach(r -> candles.add(new Candle(r.getOffsetDateTime(1).toInstant(), r.getBigDecimal(2),
                            r.getBigDecimal(3), r.getBigDecimal(4), r.getBigDecimal(5), r.getLong(6))));
                    return new Replay(seq, candles);
                });
    }

    /** The newest {@code limit} complete candles opened before {@code to}, ascending. */
    public Uni<List<Candle>> newest(SqlClient client, Pair pair, Granularity g, Instant to, int limit) {
        return client.preparedQuery("""
                        SELECT time, open, high, low, close, volume FROM (
                            SELECT time, open, high, low, close, volume FROM ingest.candles
                            WHERE pair = $1 AND granularity = $2 AND time < $3 ORDER BY time DESC LIMIT $4) newest
                        ORDER BY time""")
                .execute(Tuple.of(pair.name(), g.name(), to.atOffset(ZoneOffset.UTC), limit))
                .ifNoItem().after(TIMEOUT).fail().map(CandleRepository::candles);
    }

    public Uni<List<Candle>> range(SqlClient client, Pair pair, Granularity g, Instant from, Instant to, int limit) {
        return client.preparedQuery("""
                        SELECT time, open, high, low, close, volume FROM ingest.candles
                        WHERE pair = $1 AND granularity = $2 AND time >= $3 AND time < $4 ORDER BY time LIMIT $5""")
                .execute(Tuple.of(pair.name(), g.name(), from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), limit))
                .ifNoItem().after(TIMEOUT).fail().map(CandleRepository::candles);
    }

    /**
     * What a series holds, and since when a backfill brought all of it ({@code coveredFrom}, null when never):
     * where a backfill resumes and whether the stored history reaches back far enough.
     */
    public record Span(Instant oldest, Instant newest, Instant coveredFrom) {

        public boolean isEmpty() {
            return newest == null;
        }
    }

    public Uni<Span> span(SqlClient client, Pair pair, Granularity g) {
        return client.preparedQuery("""
                        SELECT min(time), max(time),
                               (SELECT covered_from FROM ingest.backfill_coverage WHERE pair = $1 AND granularity = $2)
                        FROM ingest.candles WHERE pair = $1 AND granularity = $2""")
                .execute(Tuple.of(pair.name(), g.name())).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Span(instant(r, 0), instant(r, 1), instant(r, 2));
                });
    }

    /** Records that a backfill brought every candle of the series from {@code from} on (keeps the earliest). */
    public Uni<Void> covered(SqlClient client, Pair pair, Granularity g, Instant from) {
        return client.preparedQuery("""
                        INSERT INTO ingest.backfill_coverage (pair, granularity, covered_from) VALUES ($1, $2, $3)
                        ON CONFLICT (pair, granularity) DO UPDATE
                        SET covered_from = LEAST(ingest.backfill_coverage.covered_from, EXCLUDED.covered_from)""")
                .execute(Tuple.of(pair.name(), g.name(), from.atOffset(ZoneOffset.UTC))).ifNoItem().after(TIMEOUT).fail()
                .replaceWithVoid();
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /**
     * Open time of the newest stored candle of each of {@code pairs} (pairs without candles are absent). One
     * backward step on the primary key per pair: a {@code max(time) ... GROUP BY pair} read the whole table, which
     * took 44 ms a call at a year of H1 and grows with the history kept.
     */
    public Uni<java.util.Map<Pair, Instant>> newestPerPair(SqlClient client, List<Pair> pairs, Granularity g) {
        return client.preparedQuery("""
                        SELECT p.pair, newest.time FROM unnest($1::text[]) AS p(pair)
                        CROSS JOIN LATERAL (SELECT c.time FROM ingest.candles c WHERE c.pair = p.pair AND c.granularity = $2
                                            ORDER BY c.time DESC LIMIT 1) AS newest""")
                .execute(Tuple.of(pairs.stream().map(Pair::name).toArray(String[]::new), g.name()))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    java.util.Map<Pair, Instant> newest = new java.util.LinkedHashMap<>();
                    rows.forEach(r -> newest.put(Pair.of(r.getString(0)), r.getOffsetDateTime(1).toInstant()));
                    return newest;
                });
    }

    /** Rows per pair of a series, for summaries. */
    public Uni<java.util.Map<Pair, Long>> counts(SqlClient client, Granularity g) {
        return client.preparedQuery("SELECT pair, count(*) FROM ingest.candles WHERE granularity = $1 GROUP BY pair")
                .execute(Tuple.of(g.name())).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    java.util.Map<Pair, Long> counts = new java.util.TreeMap<>(java.util.Comparator.comparing(Pair::name));
                    rows.forEach(r -> counts.put(Pair.of(r.getString(0)), r.getLong(1)));
                    return counts;
                });
    }

    /** Retention: deletes candles that opened before {@code before}; answers how many. */
    public Uni<Integer> deleteBefore(SqlClient client, Instant before) {
        return client.preparedQuery("DELETE FROM ingest.candles WHERE time < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).ifNoItem().after(TIMEOUT).fail()
                .map(RowSet::rowCount);
    }

    private static List<Candle> candles(RowSet<Row> rows) {
        List<Candle> list = new ArrayList<>();
        rows.forEach(r -> list.add(new Candle(r.getOffsetDateTime(0).toInstant(), r.getBigDecimal(1), r.getBigDecimal(2),
                r.getBigDecimal(3), r.getBigDecimal(4), r.getLong(5))));
        return list;
    }
}
