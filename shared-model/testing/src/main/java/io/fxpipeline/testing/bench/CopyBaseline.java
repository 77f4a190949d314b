package io.fxpipeline.testing.bench;

import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The floor a consumer's storage is compared with in the same run: PostgreSQL's COPY of the same rows (CSV) into an
 * unlogged copy of the target table, over JDBC.
 */
public final class CopyBaseline {

    private CopyBaseline() {
    }

    /**
     * Seconds to COPY {@code csv} into a fresh unlogged table shaped like {@code likeTable}.
     *
     * @param columns the CSV's columns, in order
     */
    public static double copySeconds(String jdbcUrl, String user, String password, String likeTable, String columns,
            String csv) {
        String table = "bench_copy_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE UNLOGGED TABLE " + table + " (LIKE " + likeTable + " INCLUDING DEFAULTS INCLUDING INDEXES)");
            long started = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)",
                    new StringReader(csv));
            double seconds = (System.nanoTime() - started) / 1e9;
            s.execute("DROP TABLE " + table);
            return seconds;
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("COPY baseline failed: " + e.getMessage(), e);
        }
    }
}
