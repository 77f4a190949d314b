package io.fxpipeline.correlation.store;

import io.fxpipeline.messaging.alert.AlertOutbox;
import io.fxpipeline.messaging.alert.OutboxTable;
import io.fxpipeline.messaging.alert.StoredAlert;
import io.fxpipeline.messaging.rest.AlertHistory;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.message.CorrelationAlert;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.fxpipeline.correlation.store.CloseRepository.TIMEOUT;

/**
 * correlation.correlation_alerts: every alert decided, for clients that were away, and the outbox it is announced
 * from ({@code announced_at} is null until it went out on Redis).
 */
@ApplicationScoped
public class AlertRepository implements AlertHistory<CorrelationAlert>, AlertOutbox<CorrelationAlert> {

    private static final String COLUMNS = "id, ts, pair_a, pair_b, correlation, threshold, severity, as_of";

    private final Pool pool;
    private final String channel;
    private final OutboxTable<CorrelationAlert> outbox =
            new OutboxTable<>("correlation.correlation_alerts", COLUMNS, AlertRepository::alert);

    public AlertRepository(Pool pool, Channels channels) {
        this.pool = pool;
        this.channel = channels.correlationAlerts();
    }

    /** Stores a run's alerts; call in the run's transaction, so they are durable before they are published. */
    public Uni<List<StoredAlert<CorrelationAlert>>> insert(SqlClient tx, List<CorrelationAlert> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return tx.preparedQuery("""
                        INSERT INTO correlation.correlation_alerts (ts, pair_a, pair_b, correlation, threshold, severity, as_of)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""")
                .executeBatch(alerts.stream().map(a -> Tuple.from(List.of(a.ts().atOffset(ZoneOffset.UTC),
                        a.pairA().name(), a.pairB().name(), a.correlation(), a.threshold(), a.severity().name(),
                        a.asOf().atOffset(ZoneOffset.UTC)))).toList())
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    // a batch answers one row set per statement, in the order of the batch
                    List<StoredAlert<CorrelationAlert>> stored = new ArrayList<>(alerts.size());
                    RowSet<Row> set = rows;
                    for (CorrelationAlert alert : alerts) {
                        stored.add(new StoredAlert<>(set.iterator().next().getLong(0), alert));
                        set = set.next();
                    }
                    return stored;
                });
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public Uni<List<StoredAlert<CorrelationAlert>>> lockUnannounced(SqlClient tx, Instant before, int limit) {
        return outbox.lockUnannounced(tx, before, limit);
    }

    @Override
    public Uni<Void> markAnnounced(SqlClient client, List<Long> ids) {
        return outbox.markAnnounced(client, ids);
    }

    /**
     * Alerts raised at or after {@code since} (oldest first), or the newest {@code limit} when {@code since} is null;
     * of one pair (as either side) when {@code pair} is not null.
     */
    @Override
    public Uni<List<CorrelationAlert>> find(Instant since, Pair pair, int limit) {
        String columns = COLUMNS;
        String filter = "WHERE ($1::timestamptz IS NULL OR ts >= $1) AND ($2::text IS NULL OR pair_a = $2 OR pair_b = $2)";
        String sql = since != null
                ? "SELECT " + columns + " FROM correlation.correlation_alerts " + filter + " ORDER BY ts, id LIMIT $3"
                : "SELECT * FROM (SELECT " + columns + " FROM correlation.correlation_alerts " + filter
                        + " ORDER BY ts DESC, id DESC LIMIT $3) newest ORDER BY ts, id";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(since == null ? null : since.atOffset(ZoneOffset.UTC), pair == null ? null : pair.name(), limit))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<CorrelationAlert> alerts = new ArrayList<>();
                    for (Row r : rows) {
                        alerts.add(alert(r));
                    }
                    return alerts;
                });
    }

    /** A row of {@link #COLUMNS}. */
    private static CorrelationAlert alert(Row r) {
        return new CorrelationAlert(r.getOffsetDateTime(1).toInstant(), Pair.of(r.getString(2)), Pair.of(r.getString(3)),
                r.getDouble(4), r.getDouble(5), Severity.valueOf(r.getString(6)), r.getOffsetDateTime(7).toInstant());
    }

    /** Retention: deletes the alerts of runs as of before {@code cutoff} (market time, like the matrices); answers how many. */
    public Uni<Integer> deleteBefore(SqlClient tx, Instant cutoff) {
        return tx.preparedQuery("DELETE FROM correlation.correlation_alerts WHERE as_of < $1")
                .execute(Tuple.of(cutoff.atOffset(java.time.ZoneOffset.UTC))).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.rowCount());
    }
}
