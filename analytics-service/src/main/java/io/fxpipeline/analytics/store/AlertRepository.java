package io.fxpipeline.analytics.store;

import io.fxpipeline.messaging.alert.AlertOutbox;
import io.fxpipeline.messaging.alert.AlertTable;
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
    private final AlertTable<VolatilityAlert> table =
            new AlertTable<>("analytics.volatility_alerts", COLUMNS, "pair = $2", AlertRepository::alert);

    public AlertRepository(Pool pool, Channels channels) {
        this.pool = pool;
        this.channel = channels.volatilityAlerts();
    }

    /** Stores an alert; call in the transaction that decided it, so it is durable before it is published. */
    public Uni<StoredAlert<VolatilityAlert>> insert(SqlClient tx, VolatilityAlert a) {
        return tx.preparedQuery(insert("VALUES ($1, $2, $3, $4, $5, $6, $7)"))
                .execute(Tuple.from(List.of(a.ts().atOffset(ZoneOffset.UTC), a.pair().name(), a.granularity().name(),
                        a.volatility(), a.threshold(), a.severity().name(), a.time().atOffset(ZoneOffset.UTC))))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> new StoredAlert<>(rows.iterator().next().getLong(0), a));
    }

    /** Stores the alert of {@code row} (ts, pair, granularity, volatility, threshold, severity, time); returns its id. */
    static String insert(String row) {
        return "INSERT INTO analytics.volatility_alerts (ts, pair, granularity, volatility, threshold, severity, time) "
                + row + " RETURNING id";
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public Uni<List<StoredAlert<VolatilityAlert>>> lockUnannounced(SqlClient tx, Instant before, int limit) {
        return table.lockUnannounced(tx, before, limit);
    }

    @Override
    public Uni<Void> markAnnounced(SqlClient client, List<Long> ids) {
        return table.markAnnounced(client, ids);
    }

    @Override
    public Uni<List<VolatilityAlert>> find(Instant since, Pair pair, int limit) {
        return table.find(pool, since, pair, limit);
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
