package io.fxpipeline.ingest.price;

import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** ingest.price_ticks: the polled prices of the last 24 hours. */
@ApplicationScoped
public class PriceRepository {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Inserts the quotes not stored yet (a price unchanged since the last poll keeps its time); answers those. */
    public Uni<List<PriceQuote>> append(SqlClient client, List<PriceQuote> quotes) {
        if (quotes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = quotes.size();
        String[] pairs = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        BigDecimal[] bids = new BigDecimal[n];
        BigDecimal[] asks = new BigDecimal[n];
        BigDecimal[] mids = new BigDecimal[n];
        Boolean[] tradeable = new Boolean[n];
        for (int i = 0; i < n; i++) {
            PriceQuote q = quotes.get(i);
            pairs[i] = q.pair().name();
            times[i] = q.time().atOffset(ZoneOffset.UTC);
            bids[i] = q.bid();
            asks[i] = q.ask();
            mids[i] = q.mid();
            tradeable[i] = q.tradeable();
        }
        return client.preparedQuery("""
                        INSERT INTO ingest.price_ticks (pair, time, bid, ask, mid, tradeable)
                        SELECT * FROM UNNEST($1::text[], $2::timestamptz[], $3::numeric[], $4::numeric[], $5::numeric[], $6::boolean[])
                        ON CONFLICT (pair, time) DO NOTHING
                        RETURNING pair, time, bid, ask, tradeable""")
                .execute(Tuple.from(Arrays.asList(pairs, times, bids, asks, mids, tradeable)))
                .ifNoItem().after(TIMEOUT).fail()
                .map(PriceRepository::quotes);
    }

    /** The newest tick of a pair received in the last 24 hours (the daily purge may not have removed older ones yet). */
    public Uni<Optional<PriceQuote>> latest(SqlClient client, Pair pair) {
        return client.preparedQuery("""
                        SELECT pair, time, bid, ask, tradeable FROM ingest.price_ticks
                        WHERE pair = $1 AND received_at >= now() - interval '24 hours' ORDER BY time DESC LIMIT 1""")
                .execute(Tuple.of(pair.name())).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> quotes(rows).stream().findFirst());
    }

    public Uni<Integer> deleteReceivedBefore(SqlClient client, Instant before) {
        return client.preparedQuery("DELETE FROM ingest.price_ticks WHERE received_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).ifNoItem().after(TIMEOUT).fail()
                .map(RowSet::rowCount);
    }

    private static List<PriceQuote> quotes(RowSet<Row> rows) {
        List<PriceQuote> list = new ArrayList<>();
        rows.forEach(r -> list.add(new PriceQuote(Pair.of(r.getString(0)), r.getOffsetDateTime(1).toInstant(),
                r.getBigDecimal(2), r.getBigDecimal(3), r.getBoolean(4))));
        return list;
    }
}
