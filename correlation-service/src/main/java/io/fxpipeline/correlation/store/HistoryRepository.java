package io.fxpipeline.correlation.store;

import io.fxpipeline.correlation.BestPair;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.PairCorrelation;
import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.fxpipeline.correlation.store.CloseRepository.TIMEOUT;

/**
 * Many matrices at once (the daily history): which as-of times are stored, and a batch of matrices with their
 * rankings written as arrays in two statements each, so a year of 190-pair matrices stores in seconds.
 */
@ApplicationScoped
public class HistoryRepository {

    /** One as-of time's results. */
    public record DailyResult(CorrelationMatrix matrix, List<BestPair> best) {
    }

    /** As-of times in [{@code from}, {@code to}] that have a stored matrix. */
    public Uni<Set<Instant>> storedAsOfs(SqlClient client, Instant from, Instant to) {
        return client.preparedQuery("""
                        SELECT DISTINCT as_of FROM correlation.correlation_matrix WHERE as_of >= $1 AND as_of <= $2""")
                .execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    Set<Instant> stored = new TreeSet<>();
                    for (Row row : rows) {
                        stored.add(row.getOffsetDateTime(0).toInstant());
                    }
                    return stored;
                });
    }

    /** Replaces the matrices and rankings of the given as-of times; call inside one transaction. */
    public Uni<Integer> store(SqlClient client, List<DailyResult> results) {
        if (results.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<OffsetDateTime> asOf = new ArrayList<>();
        List<Integer> window = new ArrayList<>();
        List<String> pairA = new ArrayList<>();
        List<String> pairB = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        List<Integer> observations = new ArrayList<>();
        List<OffsetDateTime> bestAsOf = new ArrayList<>();
        List<Integer> rank = new ArrayList<>();
        List<String> bestA = new ArrayList<>();
        List<String> bestB = new ArrayList<>();
        List<Double> bestR = new ArrayList<>();
        List<String> category = new ArrayList<>();
        List<Integer> bestObservations = new ArrayList<>();
        List<String> reason = new ArrayList<>();
        OffsetDateTime[] days = new OffsetDateTime[results.size()];
        for (int i = 0; i < results.size(); i++) {
            CorrelationMatrix m = results.get(i).matrix();
            OffsetDateTime t = m.asOf().atOffset(ZoneOffset.UTC);
            days[i] = t;
            for (PairCorrelation e : m.entries()) {
                asOf.add(t);
                window.add(m.window());
                pairA.add(e.pairA().name());
                pairB.add(e.pairB().name());
                r.add(e.correlation());
                observations.add(e.observations());
            }
            for (BestPair b : results.get(i).best()) {
                bestAsOf.add(t);
                rank.add(b.rank());
                bestA.add(b.pairA().name());
                bestB.add(b.pairB().name());
                bestR.add(b.correlation());
                category.add(b.category().wireName());
                bestObservations.add(b.observations());
                reason.add(b.reason());
            }
        }
        Uni<Integer> entries = client.preparedQuery("""
                        INSERT INTO correlation.correlation_matrix (as_of, "window", pair_a, pair_b, correlation, observations)
                        SELECT * FROM UNNEST($1::timestamptz[], $2::int[], $3::text[], $4::text[], $5::float8[], $6::int[])
                        ON CONFLICT (as_of, pair_a, pair_b) DO UPDATE
                        SET "window" = EXCLUDED."window", correlation = EXCLUDED.correlation,
                            observations = EXCLUDED.observations""")
                .execute(Tuple.of(asOf.toArray(OffsetDateTime[]::new), window.toArray(Integer[]::new),
                        pairA.toArray(String[]::new), pairB.toArray(String[]::new), r.toArray(Double[]::new),
                        observations.toArray(Integer[]::new)))
                .ifNoItem().after(TIMEOUT).fail().map(rows -> rows.rowCount());
        Uni<Void> clear = client.preparedQuery("DELETE FROM correlation.best_pairs WHERE as_of = ANY($1)")
                .execute(Tuple.of((Object) days)).ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
        Uni<Void> best = bestAsOf.isEmpty() ? Uni.createFrom().voidItem() : client.preparedQuery("""
                        INSERT INTO correlation.best_pairs (as_of, rank, pair_a, pair_b, correlation, category, observations, reason)
                        SELECT * FROM UNNEST($1::timestamptz[], $2::int[], $3::text[], $4::text[], $5::float8[],
                                             $6::text[], $7::int[], $8::text[])""")
                .execute(Tuple.from(List.of(bestAsOf.toArray(OffsetDateTime[]::new), rank.toArray(Integer[]::new),
                        bestA.toArray(String[]::new), bestB.toArray(String[]::new), bestR.toArray(Double[]::new),
                        category.toArray(String[]::new), bestObservations.toArray(Integer[]::new),
                        reason.toArray(String[]::new))))
                .ifNoItem().after(TIMEOUT).fail().replaceWithVoid();
        return entries.chain(stored -> clear.chain(() -> best).replaceWith(stored));
    }

    /** r of two pairs per stored as-of time in [{@code from}, {@code to}), oldest first, at most {@code limit}. */
    public Uni<List<CorrelationRepository.PairHistoryPoint>> history(SqlClient client, Pair a, Pair b, Instant from,
            Instant to, int limit) {
        Pair first = a.compareTo(b) < 0 ? a : b;
        Pair second = first.equals(a) ? b : a;
        return client.preparedQuery("""
                        SELECT as_of, correlation, observations FROM correlation.correlation_matrix
                        WHERE pair_a = $1 AND pair_b = $2 AND as_of >= $3 AND as_of < $4 ORDER BY as_of LIMIT $5""")
                .execute(Tuple.of(first.name(), second.name(), from.atOffset(ZoneOffset.UTC),
                        to.atOffset(ZoneOffset.UTC), limit))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<CorrelationRepository.PairHistoryPoint> points = new ArrayList<>();
                    for (Row row : rows) {
                        points.add(new CorrelationRepository.PairHistoryPoint(row.getOffsetDateTime(0).toInstant(),
                                row.getDouble(1), row.getInteger(2)));
                    }
                    return points;
                });
    }
}
