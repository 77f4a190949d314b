package io.fxpipeline.analytics.store;

import io.fxpipeline.messaging.alert.AlertOutbox;
import io.fxpipeline.messaging.alert.OutboxTable;
import io.fxpipeline.messaging.alert.StoredAlert;
import io.fxpipeline.messaging.rest.AlertHistory;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.message.VolatilityAlert;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.fxpipeline.analytics.store.AnalyticsRepository.TIMEOUT;

/**
 * analytics.volatility_alerts: every alert decided, for clients that were away, and the outbox it is announced from
 * ({@code announced_at} is null until it went out on Redis).
 */
@ApplicationScoped
public class AlertRepository implements AlertHistory<VolatilityAlert>, AlertOutbox<VolatilityAlert> {

    private static final String COLUMNS = "id, ts, pair, granularity, volatility, threshold, severity, time";

    private final Pool pool;
    private final String channel;
    private final OutboxTable<VolatilityAlert> outbox =
            new OutboxTable<>("analytics.volatility_alerts", COLUMNS, AlertRepository::alert);

    public AlertRepository(Pool pool, Channels channels) {
        this.pool = pool;
        this.channel = channels.volatilityAlerts();
    }

    /** Stores an alert; call in the transaction that decided it, so it is durable before it is published. */
    public Uni<StoredAlert<VolatilityAlert>> insert(SqlClient tx, VolatilityAlert a) {
        return tx.preparedQuery("""
                        INSERT INTO analytics.volatility_alerts (ts, pair, granularity, volatility, threshold, severity, time)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""")
                .execute(Tuple.from(List.of(a.ts().atOffset(ZoneOffset.UTC), a.pair().name(), a.granularity().name(),
                        a.volatility(), a.threshold(), a.severity().name(), a.time().atOffset(ZoneOffset.UTC))))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> new StoredAlert<>(rows.iterator().next().getLong(0), a));
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public Uni<List<StoredAlert<VolatilityAlert>>> lockUnannounced(SqlClient tx, Instant before, int limit) {
        return outbox.lockUnannounced(tx, before, limit);
    }

    @Override
    public Uni<Void> markAnnounced(SqlClient client, List<Long> ids) {
        return outbox.markAnnounced(client, ids);
    }

    /**
     * Alerts raised at or after {@code since} (oldest first), or the newest {@code limit} when {@code since} is null;
     * of one pair when {@code pair} is not null.
     */
    @Override
    public Uni<List<VolatilityAlert>> find(Instant since, Pair pair, int limit) {
        String columns = COLUMNS;
        String filter = "WHERE ($1::timestamptz IS NULL OR ts >= $1) AND ($2::text IS NULL OR pair = $2)";
        String sql = since != null
                ? "SELECT " + columns + " FROM analytics.volatility_alerts " + filter + " ORDER BY ts, id LIMIT $3"
                : "SELECT * FROM (SELECT " + columns + " FROM analytics.volatility_alerts " + filter
                        + " ORDER BY ts DESC, id DESC LIMIT $3) newest ORDER BY ts, id";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(since == null ? null : since.atOffset(ZoneOffset.UTC), pair == null ? null : pair.name(), limit))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<VolatilityAlert> alerts = new ArrayList<>();
                    for (Row r : rows) {
                        alerts.add(alert(r));
                    }
                    return alerts;
                });
    }

    /** A row of {@link #COLUMNS}. */
    private static VolatilityAlert alert(Row r) {
        return new VolatilityAlert(r.getOffsetDateTime(1).toInstant(), Pair.of(r.getString(2)),
                Granularity.parse(r.getString(3)), r.getDouble(4), r.getDouble(5), Severity.valueOf(r.getString(6)),
                r.getOffsetDateTime(7).toInstant());
    }

    /**
     * Retention: deletes the alerts about candles that opened before {@code cutoff} (market time, like the metrics
     * they were raised on); answers how many.
     */
    public Uni<Integer> deleteBefore(SqlClient tx, Instant cutoff) {
        return tx.preparedQuery("DELETE FROM analytics.volatility_alerts WHERE time < $1")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC))).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.rowCount());
    }
}
