package io.fxpipeline.messaging.alert;

import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The statements every alert table shares, the outbox ({@link AlertOutbox}) and the history read
 * ({@code AlertHistory}): the same for every service, only the table, its row and what "of a pair" means differ. The
 * table has {@code id bigserial}, {@code ts} (when decided) and {@code announced_at}.
 */
public final class AlertTable<A extends Message> {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String table;
    private final String columns;
    private final String ofPair;
    private final Function<Row, A> alert;

    /**
     * @param table   schema-qualified, e.g. {@code analytics.volatility_alerts}
     * @param columns the columns {@code alert} reads, {@code id} first
     * @param ofPair  the condition that a row is about the pair {@code $2}, e.g. {@code pair = $2}
     */
    public AlertTable(String table, String columns, String ofPair, Function<Row, A> alert) {
        this.table = table;
        this.columns = columns;
        this.ofPair = ofPair;
        this.alert = alert;
    }

    /**
     * Alerts raised at or after {@code since} (oldest first), or the newest {@code limit} when {@code since} is null;
     * of one pair when {@code pair} is not null.
     */
    public Uni<List<A>> find(SqlClient client, Instant since, Pair pair, int limit) {
        String filter = "WHERE ($1::timestamptz IS NULL OR ts >= $1) AND ($2::text IS NULL OR " + ofPair + ")";
        String sql = since != null
                ? "SELECT " + columns + " FROM " + table + " " + filter + " ORDER BY ts, id LIMIT $3"
                : "SELECT * FROM (SELECT " + columns + " FROM " + table + " " + filter
                        + " ORDER BY ts DESC, id DESC LIMIT $3) newest ORDER BY ts, id";
        return client.preparedQuery(sql)
                .execute(Tuple.of(since == null ? null : since.atOffset(ZoneOffset.UTC), pair == null ? null : pair.name(),
                        limit))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<A> alerts = new ArrayList<>();
                    for (Row r : rows) {
                        alerts.add(alert.apply(r));
                    }
                    return alerts;
                });
    }

    public Uni<List<StoredAlert<A>>> lockUnannounced(SqlClient tx, Instant before, int limit) {
        return tx.preparedQuery("SELECT " + columns + " FROM " + table + " WHERE announced_at IS NULL AND ts < $1"
                        + " ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), limit))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<StoredAlert<A>> pending = new ArrayList<>();
                    for (Row r : rows) {
                        pending.add(new StoredAlert<>(r.getLong(0), alert.apply(r)));
                    }
                    return pending;
                });
    }

    public Uni<Void> markAnnounced(SqlClient client, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("UPDATE " + table + " SET announced_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
    }
}
