package io.fxpipeline.messaging.job;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * A table whose purged rows go to the archive when {@code DATA_ARCHIVE_DIR} is set ({@link RetentionPurge#archived()}).
 * The kit walks the rows to purge a month at a time: {@link #deleteMonth} deletes them and answers them as the files
 * they belong in, in the purge's transaction, so what is deleted is exactly what is archived, and nothing is
 * deleted unless its files are on disk (the transaction commits only after they are written).
 */
public interface ArchivedTable {

    /** The table's name, for the log. */
    String name();

    /** The time of the oldest row older than {@code cutoff}; empty when there is none. */
    Uni<Optional<Instant>> oldest(SqlClient tx, Instant cutoff);

    /** Deletes the rows of {@code month} in {@code [from, to)} and answers them as archive files (each non-empty). */
    Uni<List<ArchiveFile>> deleteMonth(SqlClient tx, YearMonth month, Instant from, Instant to);

    /** Deletes the rows older than {@code cutoff} without archiving them ({@code DATA_ARCHIVE_DIR} unset); answers how many. */
    Uni<Integer> delete(SqlClient tx, Instant cutoff);
}
