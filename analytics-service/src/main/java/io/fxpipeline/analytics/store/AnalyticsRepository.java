package io.fxpipeline.analytics.store;

import io.fxpipeline.analytics.metrics.Ohlc;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.VolatilityMetrics;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * analytics' own tables: one row per bar with the prices it received and the metrics computed from them, alert states.
 * SQL lives here.
 */
@ApplicationScoped
public class AnalyticsRepository {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String METRIC_VALUES = "hv_20, hv_50, sma_15, sma_30, sma_50, bb_upper, bb_middle, bb_lower, atr_14";
    private static final String METRIC_COLUMNS = "time, close, " + METRIC_VALUES;

    private final Pool pool;

    public AnalyticsRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Upserts bars' prices ($1 pair, $2 granularity, $3–$7 arrays) into their rows; a new row's metrics stay NULL
     * until {@link #updateMetrics} fills them in the same transaction. Returns the open times actually inserted or
     * changed.
     */
    static final String CANDLES_UPSERT = """
            INSERT INTO analytics.volatility_metrics AS k (pair, granularity, time, open, high, low, close)
            SELECT $1, $2, t, o, h, l, c
            FROM UNNEST($3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[]) AS u(t, o, h, l, c)
            ON CONFLICT (pair, granularity, time) DO UPDATE
            SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close
            WHERE (k.open, k.high, k.low, k.close) IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close)
            RETURNING time""";

    /** Upserts candles; returns the open times actually inserted or changed (a redelivery returns none). */
    public Uni<List<Instant>> upsertCandles(SqlClient tx, Pair pair, Granularity g, List<Candle> candles) {
        return tx.preparedQuery(CANDLES_UPSERT).execute(Tuple.from(candleParameters(pair, g, candles)))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<Instant> changed = new ArrayList<>();
                    rows.forEach(r -> changed.add(r.getOffsetDateTime(0).toInstant()));
                    return changed;
                });
    }

    /** {@link #CANDLES_UPSERT}'s seven parameters. */
    static List<Object> candleParameters(Pair pair, Granularity g, List<Candle> candles) {
        int n = candles.size();
        OffsetDateTime[] t = new OffsetDateTime[n];
        Double[] o = new Double[n];
        Double[] h = new Double[n];
        Double[] l = new Double[n];
        Double[] c = new Double[n];
        for (int i = 0; i < n; i++) {
            Candle k = candles.get(i);
            t[i] = k.time().atOffset(ZoneOffset.UTC);
            o[i] = k.open().doubleValue();
            h[i] = k.high().doubleValue();
            l[i] = k.low().doubleValue();
            c[i] = k.close().doubleValue();
        }
        return new ArrayList<>(Arrays.asList(pair.name(), g.name(), t, o, h, l, c));
    }

    /**
     * What continuing a series in memory needs, as one snapshot: its newest bars (ascending, at most the lookback),
     * the index of the first of them in the stored series, the ATR 14 of the newest (null while not defined), and
     * the pair's alert state. A series with nothing stored has no bars and index 0.
     */
    public record StoredTail(List<Ohlc> candles, long firstIndex, Double atr, Optional<Severity> alertState) {
    }

    private static final String STORED_TAIL = """
            SELECT (SELECT count(*) FROM analytics.volatility_metrics WHERE pair = $1 AND granularity = $2),
                   (SELECT severity FROM analytics.alert_states WHERE pair = $1),
                   t.time, t.open, t.high, t.low, t.close, t.atr_14
            FROM (SELECT 1) AS one LEFT JOIN LATERAL (
                SELECT time, open, high, low, close, atr_14 FROM analytics.volatility_metrics
                WHERE pair = $1 AND granularity = $2 ORDER BY time DESC LIMIT $3) AS t ON true
            ORDER BY t.time DESC""";

    public Uni<StoredTail> storedTail(Pair pair, Granularity g, int lookback) {
        return pool.preparedQuery(STORED_TAIL).execute(Tuple.of(pair.name(), g.name(), lookback))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<Ohlc> newestFirst = new ArrayList<>(lookback);
                    long stored = 0;
                    String severity = null;
                    Double atr = null;
                    for (Row r : rows) {
                        stored = r.getLong(0);
                        severity = r.getString(1);
                        if (r.getValue(2) == null) {
                            continue; // the one row of a series with nothing stored
                        }
                        if (newestFirst.isEmpty()) {
                            atr = r.getDouble(7);
                        }
                        newestFirst.add(new Ohlc(r.getOffsetDateTime(2).toInstant(), r.getDouble(3), r.getDouble(4),
                                r.getDouble(5), r.getDouble(6)));
                    }
                    java.util.Collections.reverse(newestFirst);
                    return new StoredTail(newestFirst, stored - newestFirst.size(), atr,
                            Optional.ofNullable(severity).map(Severity::valueOf));
                });
    }

    /** What a recompute from {@code from} needs: the lookback before it, everything after, and where it starts. */
    public record RecomputeInput(List<Ohlc> candles, long firstIndex, int fromPosition, Double atrBefore) {
    }

    public Uni<RecomputeInput> recomputeInput(SqlClient tx, Pair pair, Granularity g, Instant from, int lookback) {
        OffsetDateTime f = from.atOffset(ZoneOffset.UTC);
        Uni<List<Ohlc>> before = tx.preparedQuery("""
                        SELECT time, open, high, low, close FROM analytics.volatility_metrics
                        WHERE pair = $1 AND granularity = $2 AND time < $3 ORDER BY time DESC LIMIT $4""")
                .execute(Tuple.of(pair.name(), g.name(), f, lookback)).map(AnalyticsRepository::ohlc)
                .map(list -> {
                    List<Ohlc> ascending = new ArrayList<>(list);
                    java.util.Collections.reverse(ascending);
                    return ascending;
                });
        Uni<List<Ohlc>> after = tx.preparedQuery("""
                        SELECT time, open, high, low, close FROM analytics.volatility_metrics
                        WHERE pair = $1 AND granularity = $2 AND time >= $3 ORDER BY time""")
                .execute(Tuple.of(pair.name(), g.name(), f)).map(AnalyticsRepository::ohlc);
        return before.chain(b -> after.chain(a -> {
            List<Ohlc> all = new ArrayList<>(b);
            all.addAll(a);
            if (all.isEmpty()) {
                return Uni.createFrom().item(new RecomputeInput(all, 0, 0, null));
            }
            Instant firstLoaded = all.get(0).time();
            Uni<Long> firstIndex = tx.preparedQuery("SELECT count(*) FROM analytics.volatility_metrics WHERE pair = $1 AND granularity = $2 AND time < $3")
                    .execute(Tuple.of(pair.name(), g.name(), firstLoaded.atOffset(ZoneOffset.UTC)))
                    .map(rows -> rows.iterator().next().getLong(0));
            Uni<Double> atr = tx.preparedQuery("""
                            SELECT atr_14 FROM analytics.volatility_metrics
                            WHERE pair = $1 AND granularity = $2 AND time < $3 ORDER BY time DESC LIMIT 1""")
                    .execute(Tuple.of(pair.name(), g.name(), f))
                    .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getDouble(0));
            return firstIndex.chain(index -> atr.map(a2 -> new RecomputeInput(all, index, b.size(), a2)));
        })).ifNoItem().after(TIMEOUT).fail();
    }

    /**
     * Fills the metrics of rows whose prices {@link #upsertCandles} stored, in one statement for the whole list (arrays
     * unnested): a 500-row chunk costs one round trip and one plan. A row that is not there fails the transaction.
     */
    public Uni<Void> updateMetrics(SqlClient tx, Pair pair, Granularity g, List<VolatilityMetrics> metrics) {
        if (metrics.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> params = new ArrayList<>(12);
        params.add(pair.name());
        params.add(g.name());
        params.add(times(metrics));
        params.addAll(metricArrays(metrics));
        return tx.preparedQuery(METRICS_UPDATE).execute(Tuple.from(params)).ifNoItem().after(TIMEOUT).fail()
                .invoke(rows -> {
                    if (rows.rowCount() != metrics.size()) {
                        throw new IllegalStateException(pair + " " + g + ": metrics for " + metrics.size()
                                + " bars, but " + rows.rowCount() + " of their rows are stored");
                    }
                })
                .replaceWithVoid();
    }

    private static final String METRICS_UPDATE = """
            UPDATE analytics.volatility_metrics k SET hv_20 = u.hv_20, hv_50 = u.hv_50, sma_15 = u.sma_15,
                sma_30 = u.sma_30, sma_50 = u.sma_50, bb_upper = u.bb_upper, bb_middle = u.bb_middle,
                bb_lower = u.bb_lower, atr_14 = u.atr_14, computed_at = now()
            FROM UNNEST($3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
                $9::float8[], $10::float8[], $11::float8[], $12::float8[])
                AS u(time, hv_20, hv_50, sma_15, sma_30, sma_50, bb_upper, bb_middle, bb_lower, atr_14)
            WHERE k.pair = $1 AND k.granularity = $2 AND k.time = u.time""";

    /**
     * Upserts whole rows, prices and metrics: $1 pair, $2 granularity, then the {@link #candleParameters} arrays from
     * $3 and the {@link #metricArrays} from $8.
     */
    static final String ROWS_UPSERT = "INSERT INTO analytics.volatility_metrics (pair, granularity, time, open, high, "
            + "low, close, " + METRIC_VALUES + ") SELECT $1, $2, u.* FROM UNNEST($3::timestamptz[], $4::float8[], "
            + "$5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], "
            + "$12::float8[], $13::float8[], $14::float8[], $15::float8[], $16::float8[]) AS u " + """
            ON CONFLICT (pair, granularity, time) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,
                low = EXCLUDED.low, close = EXCLUDED.close, hv_20 = EXCLUDED.hv_20, hv_50 = EXCLUDED.hv_50,
                sma_15 = EXCLUDED.sma_15, sma_30 = EXCLUDED.sma_30, sma_50 = EXCLUDED.sma_50,
                bb_upper = EXCLUDED.bb_upper, bb_middle = EXCLUDED.bb_middle, bb_lower = EXCLUDED.bb_lower,
                atr_14 = EXCLUDED.atr_14, computed_at = now()""";

    private static OffsetDateTime[] times(List<VolatilityMetrics> metrics) {
        OffsetDateTime[] time = new OffsetDateTime[metrics.size()];
        for (int i = 0; i < time.length; i++) {
            time[i] = metrics.get(i).time().atOffset(ZoneOffset.UTC);
        }
        return time;
    }

    /** The nine metric columns as arrays in {@link #METRIC_VALUES}' order. */
    static List<Object> metricArrays(List<VolatilityMetrics> metrics) {
        int n = metrics.size();
        Double[][] values = new Double[9][n];
        for (int i = 0; i < n; i++) {
            VolatilityMetrics m = metrics.get(i);
            values[0][i] = m.hv20();
            values[1][i] = m.hv50();
            values[2][i] = m.sma15();
            values[3][i] = m.sma30();
            values[4][i] = m.sma50();
            values[5][i] = m.bbUpper();
            values[6][i] = m.bbMiddle();
            values[7][i] = m.bbLower();
            values[8][i] = m.atr14();
        }
        return Arrays.asList((Object[]) values);
    }

    /** The newest {@code limit} metrics rows before {@code to}, ascending. */
    public Uni<List<VolatilityMetrics>> newestMetrics(Pair pair, Granularity g, Instant to, int limit) {
        return pool.preparedQuery("SELECT " + METRIC_COLUMNS + " FROM (SELECT " + METRIC_COLUMNS + """
                         FROM analytics.volatility_metrics
                        WHERE pair = $1 AND granularity = $2 AND time < $3 ORDER BY time DESC LIMIT $4) newest ORDER BY time""")
                .execute(Tuple.of(pair.name(), g.name(), to.atOffset(ZoneOffset.UTC), limit))
                .ifNoItem().after(TIMEOUT).fail().map(AnalyticsRepository::metricRows);
    }

    public Uni<List<VolatilityMetrics>> metrics(Pair pair, Granularity g, Instant from, Instant to, int limit) {
        return pool.preparedQuery("SELECT " + METRIC_COLUMNS + """
                         FROM analytics.volatility_metrics
                        WHERE pair = $1 AND granularity = $2 AND time >= $3 AND time < $4 ORDER BY time LIMIT $5""")
                .execute(Tuple.of(pair.name(), g.name(), from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), limit))
                .ifNoItem().after(TIMEOUT).fail().map(AnalyticsRepository::metricRows);
    }

    public Uni<Optional<VolatilityMetrics>> latest(Pair pair, Granularity g) {
        return pool.preparedQuery("SELECT " + METRIC_COLUMNS
                        + " FROM analytics.volatility_metrics WHERE pair = $1 AND granularity = $2 ORDER BY time DESC LIMIT 1")
                .execute(Tuple.of(pair.name(), g.name())).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> metricRows(rows).stream().findFirst());
    }

    public Uni<Optional<Severity>> alertState(SqlClient tx, Pair pair) {
        return tx.preparedQuery("SELECT severity FROM analytics.alert_states WHERE pair = $1").execute(Tuple.of(pair.name()))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.size() == 0 || rows.iterator().next().getString(0) == null ? Optional.<Severity>empty()
                        : Optional.of(Severity.valueOf(rows.iterator().next().getString(0))));
    }

    public Uni<Void> saveAlertState(SqlClient tx, Pair pair, Optional<Severity> severity, Instant since) {
        return tx.preparedQuery(alertStateUpsert("VALUES ($1, $2, $3)"))
                .execute(Tuple.of(pair.name(), severity.map(Enum::name).orElse(null), since.atOffset(ZoneOffset.UTC)))
                .ifNoItem().after(TIMEOUT).fail()
                .replaceWithVoid();
    }

    /** Sets a pair's alert state from {@code row} (pair, severity, since), unless it already has that severity. */
    static String alertStateUpsert(String row) {
        return "INSERT INTO analytics.alert_states AS s (pair, severity, since) " + row + """

                ON CONFLICT (pair) DO UPDATE SET severity = EXCLUDED.severity, since = EXCLUDED.since
                WHERE s.severity IS DISTINCT FROM EXCLUDED.severity""";
    }

    private static List<Ohlc> ohlc(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Ohlc> list = new ArrayList<>();
        rows.forEach(r -> list.add(new Ohlc(r.getOffsetDateTime(0).toInstant(), r.getDouble(1), r.getDouble(2),
                r.getDouble(3), r.getDouble(4))));
        return list;
    }

    private static List<VolatilityMetrics> metricRows(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<VolatilityMetrics> list = new ArrayList<>();
        rows.forEach(r -> list.add(new VolatilityMetrics(r.getOffsetDateTime(0).toInstant(), r.getDouble(1),
                r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6), r.getDouble(7),
                r.getDouble(8), r.getDouble(9), r.getDouble(10))));
        return list;
    }
}
