package io.fxpipeline.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster and a Redis server of the fault benchmark's own, on free ports, that it may stop and start at
 * will without disturbing anything else on the machine (the shared servers other tests use stay untouched). Built
 * from the machine's PostgreSQL binaries and {@code redis-server}; as root, PostgreSQL runs as the postgres user
 * (initdb refuses root).
 */
final class IsolatedServers {

    private IsolatedServers() {
    }

    /** The PostgreSQL binaries folder, or null when this machine has none. */
    static Path postgresBin() {
        for (String candidate : new String[] {"/usr/local/bin", "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
                "/usr/lib/postgresql/15/bin"}) {
            if (Files.isExecutable(Path.of(candidate, "pg_ctl")) && Files.isExecutable(Path.of(candidate, "initdb"))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    static boolean redisAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/redis-server")) || Files.isExecutable(Path.of("/usr/local/bin/redis-server"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + out);
        }
    }

    /** One PostgreSQL cluster in a temporary folder, trust authentication for user postgres on 127.0.0.1. */
    static final class Postgres implements AutoCloseable {

        final int port;
        private final Path bin;
        private final Path dir;

        Postgres(Path bin) throws IOException, InterruptedException {
            this.bin = bin;
            this.port = freePort();
            this.dir = Files.createTempDirectory("fx-fault-pg");
            if (root()) {
                new ProcessBuilder("chown", "-R", "postgres", dir.toString()).start().waitFor();
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                    "--auth=trust", "--no-sync"));
        }

        void start() throws IOException, InterruptedException {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                    dir.resolve("log").toString(), "-w", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        }

        void stop() throws IOException, InterruptedException {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
        }

        @Override
        public void close() throws Exception {
            try {
                stop();
            } catch (IllegalStateException alreadyStopped) {
                // stopped by a fault case that failed half-way
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One redis-server without persistence: a restart loses every key and subscription, as a failover can. */
    static final class Redis implements AutoCloseable {

        final int port;
        private final List<String> extraArgs;
        private Process process;

        /** @param extraArgs further redis-server settings, e.g. {@code --aclfile <path>} */
        Redis(String... extraArgs) throws IOException {
            this.port = freePort();
            this.extraArgs = List.of(extraArgs);
        }

        void start() throws IOException, InterruptedException {
            String binary = Files.isExecutable(Path.of("/usr/bin/redis-server")) ? "/usr/bin/redis-server" : "/usr/local/bin/redis-server";
            List<String> command = new ArrayList<>(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no"));
            command.addAll(extraArgs);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(50); // waiting for a process to listen: no event to wait on
                }
            }
            throw new IllegalStateException("redis-server did not listen on " + port);
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
