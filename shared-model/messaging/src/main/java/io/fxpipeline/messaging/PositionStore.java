package io.fxpipeline.messaging;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.sequence.Series;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A consumer's confirmed sequence positions, kept in its own schema's {@code consumer_positions} table so a
 * restarted consumer asks for exactly the messages it missed.
 */
public final class PositionStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final String select;
    private final String upsert;
    private final String replace;

    /** @param schema the owning service's schema (a fixed identifier, never user input) */
    public PositionStore(Pool pool, String schema) {
        if (!schema.matches("[a-z_]+")) {
            throw new IllegalArgumentException("schema name '" + schema + "' is not a plain identifier");
        }
        this.pool = pool;
        this.select = "SELECT pair, granularity, confirmed FROM " + schema + ".consumer_positions";
        // GREATEST: a late, slower writer must never move a position backwards.
        this.upsert = "INSERT INTO " + schema + ".consumer_positions (pair, granularity, confirmed) VALUES ($1, $2, $3)"
                + " ON CONFLICT (pair, granularity) DO UPDATE SET confirmed = GREATEST("
                + schema + ".consumer_positions.confirmed, EXCLUDED.confirmed)";
        this.replace = "INSERT INTO " + schema + ".consumer_positions (pair, granularity, confirmed) VALUES ($1, $2, $3)"
                + " ON CONFLICT (pair, granularity) DO UPDATE SET confirmed = EXCLUDED.confirmed";
    }

    public Uni<Map<Series, Long>> load() {
        return pool.query(select).execute().ifNoItem().after(TIMEOUT).fail().map(rows -> {
            Map<Series, Long> positions = new HashMap<>();
            for (Row row : rows) {
                positions.put(new Series(Pair.of(row.getString(0)), Granularity.parse(row.getString(1))),
                        row.getLong(2));
            }
            return positions;
        });
    }

    public Uni<Void> save(Series series, long confirmed) {
        return pool.preparedQuery(upsert)
                .execute(Tuple.of(series.pair().name(), series.granularity().name(), confirmed))
                .ifNoItem().after(TIMEOUT).fail()
                .replaceWithVoid();
    }

    /** Moves a position back: only when ingest's own answer showed the stored one was never its number. */
    public Uni<Void> replace(Series series, long confirmed) {
        return pool.preparedQuery(replace)
                .execute(Tuple.of(series.pair().name(), series.granularity().name(), confirmed))
                .ifNoItem().after(TIMEOUT).fail()
                .replaceWithVoid();
    }
}
