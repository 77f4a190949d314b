package io.fxpipeline.correlation.store;

import io.fxpipeline.messaging.alert.AlertOutbox;
import io.fxpipeline.messaging.alert.AlertTable;
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
    /** An entry is of a pair as either of its sides. */
    private final AlertTable<CorrelationAlert> table = new AlertTable<>("correlation.correlation_alerts", COLUMNS,
            "(pair_a = $2 OR pair_b = $2)", AlertRepository::alert);

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
        return table.lockUnannounced(tx, before, limit);
    }

    @Override
    public Uni<Void> markAnnounced(SqlClient client, List<Long> ids) {
        return table.markAnnounced(client, ids);
    }

    @Override
    public Uni<List<CorrelationAlert>> find(Instant since, Pair pair, int limit) {
        return table.find(pool, since, pair, limit);
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
