package io.fxpipeline.analytics.store;

import io.fxpipeline.analytics.alert.AlertStep;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.fxpipeline.analytics.store.AnalyticsRepository.TIMEOUT;

/**
 * Stores a message that only extends a series in one statement, atomic on its own: its bars (prices and the metrics
 * computed from the in-memory window), the alert state and the alert decided from the remembered state. One round
 * trip instead of BEGIN, bars, state, COMMIT: on two cores each round trip hands the core to PostgreSQL and back.
 * The statement checks what it assumed (nothing stored after the window, the state as remembered; both read from the
 * snapshot before its own writes) and is refused as a whole otherwise.
 */
@ApplicationScoped
public class SeriesExtension {

    /** The guard's SQLSTATE (V13__stored_tail_guard.sql). */
    static final String STORED_TAIL_MOVED = "FX001";

    /**
     * The series' newest stored candle: one step back along the primary key, however long the history. The guard
     * asked "is any candle newer than the window?" with NOT EXISTS before; PostgreSQL's generic plan for that, which
     * it takes from a prepared statement's sixth call on, read every candle of every pair (7.7 ms at a year of 20
     * pairs of H1, on each live hour of each pair) when none was newer, the usual answer.
     */
    static final String NEWEST_STORED = "SELECT max(time) FROM analytics.volatility_metrics WHERE pair = $1 AND granularity = $2";

    /**
     * Kept under {@link #CACHED_LENGTH} with its spaces collapsed: the PostgreSQL client keeps a statement prepared on
     * its connection only up to that length; a longer one is parsed and planned again on every call.
     */
    static final String STATEMENT = ("WITH stored AS (" + AnalyticsRepository.ROWS_UPSERT + "),\n"
            + "state AS (" + AnalyticsRepository.alertStateUpsert(
                    "SELECT $1, $18::text, $19::timestamptz WHERE $17::boolean") + "),\n"
            + "alert AS (" + AlertRepository.insert("SELECT $21::timestamptz, $1, $2, $22::float8, $23::float8, "
                    + "$24::text, $25::timestamptz WHERE $20::boolean") + ")\n"
            // the main query sees the state as it was before this statement: the one the decision assumed
            + "SELECT analytics.expect_stored_tail(coalesce((" + NEWEST_STORED + ") <= coalesce($26::timestamptz, '-infinity'), true)"
            + """
                    AND (NOT $27::boolean
                        OR (SELECT severity FROM analytics.alert_states WHERE pair = $1) IS NOT DISTINCT FROM $28::text)),
                (SELECT id FROM alert)""").replaceAll("\\s+", " ");

    static final int CACHED_LENGTH = SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT;

    private final Pool pool;

    public SeriesExtension(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores {@code candles}, all newer than {@code after} (the window's newest; null when the window found nothing
     * stored), with their {@code metrics} and the alert {@code step} of the newest row. Answers the stored alert's id
     * if the step had one; fails with {@link StoredTailMoved}, having stored nothing, when anything newer than
     * {@code after} (anything at all, for null) was already stored or the stored state is not {@code step.before()}.
     */
    public Uni<Optional<Long>> store(Pair pair, Granularity g, Instant after, List<Candle> candles,
            List<VolatilityMetrics> metrics, Optional<AlertStep> step) {
        List<Object> params = new ArrayList<>(28);
        params.addAll(AnalyticsRepository.candleParameters(pair, g, candles)); // $1–$7
        params.addAll(AnalyticsRepository.metricArrays(metrics)); // $8–$16
        boolean saveState = step.map(AlertStep::changesState).orElse(false);
        params.add(saveState); // $17
        params.add(step.flatMap(AlertStep::now).map(Severity::name).orElse(null));
        params.add(step.map(s -> utc(s.newest().time())).orElse(null));
        Optional<VolatilityAlert> alert = step.flatMap(AlertStep::alert);
        params.add(alert.isPresent()); // $20
        params.add(alert.map(a -> utc(a.ts())).orElse(null));
        params.add(alert.map(VolatilityAlert::volatility).orElse(null));
        params.add(alert.map(VolatilityAlert::threshold).orElse(null));
        params.add(alert.map(a -> a.severity().name()).orElse(null));
        params.add(alert.map(a -> utc(a.time())).orElse(null));
        params.add(after == null ? null : utc(after)); // $26: null for a series with nothing stored
        params.add(step.isPresent());
        params.add(step.flatMap(AlertStep::before).map(Severity::name).orElse(null));
        return pool.preparedQuery(STATEMENT).execute(Tuple.from(params)).ifNoItem().after(TIMEOUT).fail()
                .onFailure(SeriesExtension::guardRefused).transform(f -> new StoredTailMoved(
                        pair + " " + g + ": " + f.getMessage(), f))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return Optional.ofNullable(row.getLong(1));
                });
    }

    private static boolean guardRefused(Throwable failure) {
        return failure instanceof PgException pg && STORED_TAIL_MOVED.equals(pg.getSqlState());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
