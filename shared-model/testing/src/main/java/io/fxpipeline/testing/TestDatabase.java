package io.fxpipeline.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** A database created for one test run and dropped afterwards, so runs never see each other's rows. */
public final class TestDatabase implements AutoCloseable {

    private final RealServers.Postgres server;
    private final String name;

    private TestDatabase(RealServers.Postgres server, String name) {
        this.server = server;
        this.name = name;
    }

    public static TestDatabase create(String label) {
        RealServers.Postgres server = RealServers.postgres();
        String name = ("fx_test_" + label + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    public RealServers.Postgres server() {
        return server;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** URL form of the reactive PostgreSQL client. */
    public String reactiveUrl() {
        return "postgresql://" + server.address().host() + ":" + server.address().port() + "/" + name;
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    @Override
    public void close() {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }
}
