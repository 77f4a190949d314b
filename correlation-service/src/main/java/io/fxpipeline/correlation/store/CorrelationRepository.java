package io.fxpipeline.correlation.store;

import io.fxpipeline.correlation.BestPair;
import io.fxpipeline.correlation.CorrelationCategory;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.PairCorrelation;
import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static io.fxpipeline.correlation.store.CloseRepository.TIMEOUT;

/** correlation_matrix and best_pairs: every run's results, kept by as-of time. */
@ApplicationScoped
public class CorrelationRepository {

    private final Pool pool;

    public CorrelationRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores one run's matrix and ranking; call inside the run's transaction. */
    public Uni<Void> store(SqlClient client, CorrelationMatrix matrix, List<BestPair> best) {
        OffsetDateTime asOf = matrix.asOf().atOffset(ZoneOffset.UTC);
        // Tuple.of, not List.of: a correlation without enough data is a SQL NULL.
        List<Tuple> rows = matrix.entries().stream().map(e -> Tuple.of(asOf, matrix.window(),
                e.pairA().name(), e.pairB().name(), e.correlation(), e.observations())).toList();
        Uni<Void> entries = rows.isEmpty() ? Uni.createFrom().voidItem() : client.preparedQuery("""
                        INSERT INTO correlation.correlation_matrix (as_of, "window", pair_a, pair_b, correlation, observations)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (as_of, pair_a, pair_b) DO UPDATE
                        SET correlation = EXCLUDED.correlation, observations = EXCLUDED.observations""")
                .executeBatch(rows).ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
        Uni<Void> clear = client.preparedQuery("DELETE FROM correlation.best_pairs WHERE as_of = $1")
                .execute(Tuple.of(asOf)).ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
        List<Tuple> ranked = best.stream().map(b -> Tuple.from(List.of(asOf, b.rank(), b.pairA().name(),
                b.pairB().name(), b.correlation(), b.category().wireName(), b.observations(), b.reason()))).toList();
        Uni<Void> bestPairs = ranked.isEmpty() ? Uni.createFrom().voidItem() : client.preparedQuery("""
                        INSERT INTO correlation.best_pairs (as_of, rank, pair_a, pair_b, correlation, category, observations, reason)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .executeBatch(ranked).ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
        return entries.chain(() -> clear).chain(() -> bestPairs);
    }

    /** Whether a matrix as of {@code asOf} is stored. */
    public Uni<Boolean> exists(SqlClient client, Instant asOf) {
        return client.preparedQuery("SELECT EXISTS (SELECT 1 FROM correlation.correlation_matrix WHERE as_of = $1)")
                .execute(Tuple.of(asOf.atOffset(ZoneOffset.UTC))).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The newest stored as-of later than {@code asOf}, if any; inside a run's transaction. */
    public Uni<Optional<Instant>> newerThan(SqlClient client, Instant asOf) {
        return client.preparedQuery("SELECT max(as_of) FROM correlation.correlation_matrix WHERE as_of > $1")
                .execute(Tuple.of(asOf.atOffset(ZoneOffset.UTC))).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0)).map(OffsetDateTime::toInstant));
    }

    /** The newest as-of at or before {@code atOrBefore} (the newest of all when null). */
    public Uni<Optional<Instant>> asOf(Instant atOrBefore) {
        Uni<RowSet<Row>> query = atOrBefore == null
                ? pool.query("SELECT max(as_of) FROM correlation.correlation_matrix").execute()
                : pool.preparedQuery("SELECT max(as_of) FROM correlation.correlation_matrix WHERE as_of <= $1")
                        .execute(Tuple.of(atOrBefore.atOffset(ZoneOffset.UTC)));
        return query.ifNoItem().after(TIMEOUT).fail().map(rows -> {
            OffsetDateTime t = rows.iterator().next().getOffsetDateTime(0);
            return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
        });
    }

    public Uni<CorrelationMatrix> matrix(Instant asOf) {
        return pool.preparedQuery("""
                        SELECT "window", pair_a, pair_b, correlation, observations
                        FROM correlation.correlation_matrix WHERE as_of = $1 ORDER BY pair_a, pair_b""")
                .execute(Tuple.of(asOf.atOffset(ZoneOffset.UTC))).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<PairCorrelation> entries = new ArrayList<>();
                    TreeSet<Pair> pairs = new TreeSet<>();
                    int window = 0;
                    for (Row row : rows) {
                        window = row.getInteger(0);
                        PairCorrelation e = new PairCorrelation(Pair.of(row.getString(1)), Pair.of(row.getString(2)),
                                row.getDouble(3), row.getInteger(4));
                        pairs.add(e.pairA());
                        pairs.add(e.pairB());
                        entries.add(e);
                    }
                    return new CorrelationMatrix(asOf, window, List.copyOf(pairs), entries);
                });
    }

    public Uni<List<BestPair>> bestPairs(Instant asOf, int limit) {
        return pool.preparedQuery("""
                        SELECT rank, pair_a, pair_b, correlation, category, observations, reason
                        FROM correlation.best_pairs WHERE as_of = $1 ORDER BY rank LIMIT $2""")
                .execute(Tuple.of(asOf.atOffset(ZoneOffset.UTC), limit)).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<BestPair> best = new ArrayList<>();
                    for (Row row : rows) {
                        best.add(new BestPair(row.getInteger(0), Pair.of(row.getString(1)), Pair.of(row.getString(2)),
                                row.getDouble(3), CorrelationCategory.of(row.getDouble(3)), row.getInteger(5),
                                row.getString(6)));
                    }
                    return best;
                });
    }

    /** Every stored r of one pair, oldest first. */
    public Uni<List<PairHistoryPoint>> history(Pair a, Pair b, int limit) {
        Pair first = a.compareTo(b) < 0 ? a : b;
        Pair second = first.equals(a) ? b : a;
        return pool.preparedQuery("""
                        SELECT as_of, correlation, observations FROM (
                            SELECT as_of, correlation, observations FROM correlation.correlation_matrix
                            WHERE pair_a = $1 AND pair_b = $2 ORDER BY as_of DESC LIMIT $3) newest
                        ORDER BY as_of""")
                .execute(Tuple.of(first.name(), second.name(), limit)).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<PairHistoryPoint> points = new ArrayList<>();
                    for (Row row : rows) {
                        points.add(new PairHistoryPoint(row.getOffsetDateTime(0).toInstant(), row.getDouble(1),
                                row.getInteger(2)));
                    }
                    return points;
                });
    }

    /** Retention of results. */
    public Uni<Integer> deleteBefore(io.vertx.mutiny.sqlclient.SqlClient client, Instant cutoff) {
        OffsetDateTime t = cutoff.atOffset(ZoneOffset.UTC);
        return client.preparedQuery("DELETE FROM correlation.best_pairs WHERE as_of < $1").execute(Tuple.of(t))
                .chain(best -> client.preparedQuery("DELETE FROM correlation.correlation_matrix WHERE as_of < $1")
                        .execute(Tuple.of(t)).map(matrix -> best.rowCount() + matrix.rowCount()))
                .ifNoItem().after(TIMEOUT).fail();
    }

    /** One point of a pair's correlation history. */
    public record PairHistoryPoint(@com.fasterxml.jackson.annotation.JsonProperty("as_of") Instant asOf,
            Double correlation, int observations) {
    }
}
