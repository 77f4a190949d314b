package io.fxpipeline.deploy.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * PostgreSQL (zonky's binaries) and Redis (embedded-redis) for deploy/local/run.sh on a machine that has neither:
 * started on free local ports with their data kept in a folder between runs, announced in an environment file the
 * script reads, and stopped when this process is (SIGTERM or Ctrl+C).
 *
 * <pre>
 * java -cp deploy/target/classes:deploy/target/embedded-servers/* io.fxpipeline.deploy.local.EmbeddedServers \
 *     --dir target/local-run [--postgres] [--redis] [--database fx]
 * </pre>
 * Writes {@code DIR/embedded.env} ({@code DB_HOST=...} lines) once every server asked for accepts connections.
 */
public final class EmbeddedServers {

    private final Path dir;
    private final List<AutoCloseable> started = new ArrayList<>();

    private EmbeddedServers(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        boolean postgres = false;
        boolean redis = false;
        String database = "fx";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                case "--postgres" -> postgres = true;
                case "--redis" -> redis = true;
                case "--database" -> database = value(args, ++i, "--database");
                default -> usage("unknown argument: " + args[i]);
            }
        }
        if (dir == null || !(postgres || redis)) {
            usage("--dir and at least one of --postgres, --redis are required");
        }
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            usage("DB_NAME '" + database + "' is not a plain PostgreSQL name (letters, digits, _)");
        }
        EmbeddedServers servers = new EmbeddedServers(dir.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(servers::stop, "embedded-servers-stop"));
        List<String> env = new ArrayList<>();
        try {
            Files.createDirectories(servers.dir);
            Files.deleteIfExists(servers.dir.resolve("embedded.env"));
            if (postgres) {
                env.addAll(servers.startPostgres(database));
            }
            if (redis) {
                env.addAll(servers.startRedis());
            }
            Path file = servers.dir.resolve("embedded.env");
            Path partial = servers.dir.resolve("embedded.env.partial");
            Files.write(partial, env);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE); // the script never reads half a file
        } catch (Exception e) {
            System.err.println("embedded servers: " + e.getMessage());
            System.exit(1);
        }
        new CountDownLatch(1).await(); // until SIGTERM/SIGINT runs the shutdown hook
    }

    private List<String> startPostgres(String database) throws IOException, SQLException {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, so the embedded one cannot start: run as a "
                    + "normal user, or start a PostgreSQL server and set DB_HOST");
        }
        Path data = dir.resolve("postgres");
        boolean existed = Files.exists(data.resolve("PG_VERSION"));
        int port = freePort();
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false) // keep the data between runs
                .setOverrideWorkingDirectory(dir.resolve("postgres-binaries").toFile())
                .setRegisterShutdownHook(false) // stopped by this class, after the services are gone
                .setPort(port)
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .start();
        started.add(pg);
        boolean created = false;
        try (Connection c = pg.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet r = exists.executeQuery()) {
                if (!r.next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE \"" + database + "\"");
                        created = true;
                    }
                }
            }
        }
        System.out.printf("embedded PostgreSQL %s on 127.0.0.1:%d, user postgres, database %s (%s); data in %s%n",
                version(pg), port, database, created ? "created" : "kept from an earlier run", data);
        if (!existed) {
            System.out.println("  (a new data folder: the first run initialises it)");
        }
        return List.of("DB_HOST=127.0.0.1", "DB_PORT=" + port, "DB_USER=postgres", "DB_PASSWORD=");
    }

    private List<String> startRedis() throws IOException {
        Path data = Files.createDirectories(dir.resolve("redis"));
        int port = freePort();
        RedisServer redis = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("dir " + data)
                .setting("appendonly yes") // the alerts stream and cache survive a restart, like the database
                .setting("appendfsync everysec")
                .build(); // logs to its standard output: embedded-redis reads it to see the server ready
        redis.start();
        started.add(redis::stop);
        System.out.printf("embedded Redis on 127.0.0.1:%d; data in %s%n", port, data);
        return List.of("REDIS_HOST=127.0.0.1", "REDIS_PORT=" + port);
    }

    private synchronized void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("embedded servers: stopping failed: " + e.getMessage());
            }
        }
        if (!started.isEmpty()) {
            System.out.println("embedded servers stopped; their data stays in " + dir);
        }
        started.clear();
    }

    private static String version(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW server_version")) {
            r.next();
            return r.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("embedded servers: " + problem);
        System.err.println("usage: EmbeddedServers --dir DIR [--postgres] [--redis] [--database NAME]");
        System.exit(2);
    }
}
