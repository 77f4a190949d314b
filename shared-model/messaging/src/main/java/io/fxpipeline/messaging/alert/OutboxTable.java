package io.fxpipeline.messaging.alert;

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
 * The outbox statements of one alert table ({@link AlertOutbox}): the same for every service, only the table and its
 * row differ. The table has {@code id bigserial}, {@code ts} (when decided) and {@code announced_at}.
 */
public final class OutboxTable<A extends Message> {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String table;
    private final String columns;
    private final Function<Row, A> alert;

    /**
     * @param table   schema-qualified, e.g. {@code analytics.volatility_alerts}
     * @param columns the columns {@code alert} reads, {@code id} first
     */
    public OutboxTable(String table, String columns, Function<Row, A> alert) {
        this.table = table;
        this.columns = columns;
        this.alert = alert;
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
