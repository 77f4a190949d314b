package io.fxpipeline.correlation.store;

import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.fxpipeline.correlation.store.CloseRepository.TIMEOUT;

/** The last r seen per pair, so alerts fire on entering or flipping, across restarts too. */
@ApplicationScoped
public class AlertStateRepository {

    /** Key of the state map: the two pair names in order. */
    public record Key(Pair a, Pair b) {
    }

    public Uni<Map<Key, Double>> load(SqlClient client) {
        return client.query("SELECT pair_a, pair_b, correlation FROM correlation.alert_states").execute()
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    Map<Key, Double> state = new HashMap<>();
                    for (Row row : rows) {
                        state.put(new Key(Pair.of(row.getString(0)), Pair.of(row.getString(1))), row.getDouble(2));
                    }
                    return state;
                });
    }

    public Uni<Void> save(SqlClient client, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        INSERT INTO correlation.alert_states (pair_a, pair_b, correlation, alerting, as_of)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (pair_a, pair_b) DO UPDATE SET correlation = EXCLUDED.correlation,
                            alerting = EXCLUDED.alerting, as_of = EXCLUDED.as_of""")
                .executeBatch(rows).ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
    }

    public static Tuple row(Key key, double r, boolean alerting, Instant asOf) {
        return Tuple.of(key.a().name(), key.b().name(), r, alerting, asOf.atOffset(ZoneOffset.UTC));
    }
}
