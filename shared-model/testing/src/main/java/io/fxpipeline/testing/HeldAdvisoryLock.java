package io.fxpipeline.testing;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Another replica's run as PostgreSQL sees it: a transaction on a connection of its own holding an advisory lock
 * (a job's {@code JobRuns.lockKey}) until closed. Connects with the test application's datasource settings.
 */
public final class HeldAdvisoryLock implements AutoCloseable {

    private final Connection connection;

    private HeldAdvisoryLock(Connection connection) {
        this.connection = connection;
    }

    public static HeldAdvisoryLock hold(long key) throws SQLException {
        Config config = ConfigProvider.getConfig();
        Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            connection.setAutoCommit(false);
            lock.setLong(1, key);
            lock.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new HeldAdvisoryLock(connection);
    }

    /** Ends the transaction, and with it the lock. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
