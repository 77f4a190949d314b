package io.fxpipeline.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The PostgreSQL and Redis servers tests run against, found once per JVM in this order: servers already
 * running (127.0.0.1:5432 and :6379 by default, or {@code FX_TEST_PG_*} / {@code FX_TEST_REDIS_*}), else
 * containers when Docker is up, else embedded servers from Maven Central. Nothing is mocked: every test talks
 * to a real server over a real connection.
 */
public final class RealServers {

    private static final Logger LOG = Logger.getLogger(RealServers.class.getName());

    private static Postgres postgres;
    private static ServerAddress redis;

    /** PostgreSQL superuser access used to create and drop per-run databases. */
    public record Postgres(ServerAddress address, String user, String password) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + address.host() + ":" + address.port() + "/" + database;
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), user, password);
        }
    }

    private RealServers() {
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = startPostgres();
        }
        return postgres;
    }

    public static synchronized ServerAddress redis() {
        if (redis == null) {
            redis = startRedis();
        }
        return redis;
    }

    private static Postgres startPostgres() {
        String host = env("FX_TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("FX_TEST_PG_PORT", "5432"));
        Postgres local = new Postgres(new ServerAddress(host, port), env("FX_TEST_PG_USER", "postgres"),
                env("FX_TEST_PG_PASSWORD", ""));
        if (reachable(local.address())) {
            try (Connection ignored = local.connect("postgres")) {
                LOG.info("tests use the PostgreSQL server at " + host + ":" + port);
                return local;
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " is up but refused user "
                        + local.user() + ": " + e.getMessage() + " (set FX_TEST_PG_USER / FX_TEST_PG_PASSWORD)", e);
            }
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            LOG.info("tests use a PostgreSQL container");
            return new Postgres(new ServerAddress(container.getHost(), container.getMappedPort(5432)),
                    container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
            LOG.info("tests use an embedded PostgreSQL on port " + embedded.getPort());
            return new Postgres(new ServerAddress("127.0.0.1", embedded.getPort()), "postgres", "");
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL reachable, no Docker, and the embedded server failed", e);
        }
    }

    private static ServerAddress startRedis() {
        ServerAddress local = new ServerAddress(env("FX_TEST_REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(env("FX_TEST_REDIS_PORT", "6379")));
        if (answersPing(local)) {
            LOG.info("tests use the Redis server at " + local.host() + ":" + local.port());
            return local;
        }
        if (dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            LOG.info("tests use a Redis container");
            return new ServerAddress(container.getHost(), container.getMappedPort(6379));
        }
        try {
            int port = freePort();
            RedisServer server = new RedisServer(port);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            LOG.info("tests use an embedded Redis on port " + port);
            return new ServerAddress("127.0.0.1", port);
        } catch (IOException e) {
            throw new IllegalStateException("no Redis reachable, no Docker, and the embedded server failed", e);
        }
    }

    private static boolean reachable(ServerAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answersPing(ServerAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // shutting down
        }
    }
}
