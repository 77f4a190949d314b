package io.fxpipeline.ingest.store;

import io.fxpipeline.ingest.feed.recorded.CsvCandles;
import io.fxpipeline.messaging.job.ArchiveFile;
import io.fxpipeline.messaging.job.ArchivedTable;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ingest.candles as the retention archive sees it: a month of candles is deleted and answered as one file per series
 * in the replay format ({@link CsvCandles}), so the archive folder replays as {@code FX_REPLAY_DIR}.
 */
@ApplicationScoped
public class ArchivedCandles implements ArchivedTable {

    /** A month of 20 pairs is ~15,000 rows: deleting and returning them takes longer than a point query. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final CandleRepository candles;

    public ArchivedCandles(CandleRepository candles) {
        this.candles = candles;
    }

    @Override
    public String name() {
        return "ingest.candles";
    }

    @Override
    public Uni<Optional<Instant>> oldest(SqlClient tx, Instant cutoff) {
        return tx.preparedQuery("SELECT min(time) FROM ingest.candles WHERE time < $1")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC))).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0)).map(OffsetDateTime::toInstant));
    }

    /** One statement deletes and answers the rows, so exactly the rows deleted are archived. */
    @Override
    public Uni<List<ArchiveFile>> deleteMonth(SqlClient tx, YearMonth month, Instant from, Instant to) {
        return tx.preparedQuery("""
                        WITH gone AS (DELETE FROM ingest.candles WHERE time >= $1 AND time < $2
                                      RETURNING pair, granularity, time, open, high, low, close, volume)
                        SELECT * FROM gone ORDER BY pair, granularity, time""")
                .execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    Map<String, List<String>> lines = new LinkedHashMap<>();
                    for (Row r : rows) {
                        String file = CsvCandles.archiveName(Pair.of(r.getString(0)), Granularity.valueOf(r.getString(1)), month);
                        lines.computeIfAbsent(file, f -> new ArrayList<>()).add(CsvCandles.line(new Candle(
                                r.getOffsetDateTime(2).toInstant(), r.getBigDecimal(3), r.getBigDecimal(4),
                                r.getBigDecimal(5), r.getBigDecimal(6), r.getLong(7))));
                    }
                    List<ArchiveFile> files = new ArrayList<>();
                    lines.forEach((file, text) -> files.add(new ArchiveFile(file, CsvCandles.HEADER, text)));
                    return files;
                });
    }

    @Override
    public Uni<Integer> delete(SqlClient tx, Instant cutoff) {
        return candles.deleteBefore(tx, cutoff);
    }
}
