package io.fxpipeline.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One built service jar run as its own operating-system process, configured only by environment variables. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String service;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;
    private long startedNanos;
    /** The admin token the test processes run with; {@link #post} presents it. */
    static final String ADMIN_TOKEN = "e2e-admin-" + java.util.UUID.randomUUID();

    ServiceProcess(String service, Map<String, String> env, Path logDir) throws IOException {
        this.service = service;
        this.port = freePort();
        this.env = new java.util.HashMap<>(env);
        this.env.put("HTTP_PORT", String.valueOf(port));
        this.env.putIfAbsent("FX_ADMIN_TOKEN", ADMIN_TOKEN); // write endpoints need it (HttpGuard)
        this.log = logDir.resolve(service + ".log");
    }

    /** A setting known only once other processes have their ports (the dashboard's API addresses); before start. */
    ServiceProcess set(String name, String value) {
        env.put(name, value);
        return this;
    }

    static Path jar(String service) {
        Path jar = Repo.root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn verify` from the repository root, which builds "
                    + "the services before this module");
        }
        return jar;
    }

    /**
     * The folder the jar runs in, as in its image (/deployments): the class-data archive the build made there
     * (app-cds.jsa, named by the images' -XX:SharedArchiveFile) names the jars relative to it.
     */
    static java.io.File home(String service) {
        return jar(service).getParent().toFile();
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Runs the jar with {@code args} (a command, or none: serving) to its end; answers its exit code and output. */
    static Result run(String service, Map<String, String> env, Path logDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar(service).toString()));
        command.addAll(List.of(args));
        Path out = logDir.resolve(service + "-" + (args.length == 0 ? "serve" : args[0]) + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home(service)).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        configure(builder.environment(), env);
        Process p = builder.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(service + " " + String.join(" ", args) + " did not finish in 3 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    /** Starts the jar with {@code args} (a command) without waiting; its output goes to the log folder. */
    static Process launch(String service, Map<String, String> env, Path logDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar(service).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home(service)).redirectErrorStream(true)
                .redirectOutput(logDir.resolve(service + "-" + args[0] + "-" + System.nanoTime() + ".log").toFile());
        configure(builder.environment(), env);
        return builder.start();
    }

    record Result(int exitCode, String output) {
    }

    /** The services' settings are environment variables: none may leak in from the shell running the build. */
    static void configure(Map<String, String> target, Map<String, String> env) {
        target.keySet().removeIf(k -> k.matches("(DB|REDIS|FX|OANDA|CACHE_TTL|CORRELATION|VOLATILITY|DASHBOARD)_.*|HTTP_PORT|LOG_JSON"
                + "|HOURLY_JOB_ENABLED|DAILY_JOB_ENABLED|DATA_RETENTION_DAYS|PRICE_POLL_INTERVAL"));
        target.putAll(env);
    }

    ServiceProcess start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar(service).toString()).directory(home(service))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        configure(builder.environment(), env);
        startedNanos = System.nanoTime();
        process = builder.start();
        return this;
    }

    /** Waits until /q/health/ready answers 200 (PostgreSQL, Redis and, for consumers, the subscription). */
    ServiceProcess awaitReady(Duration timeout) throws Exception {
        return awaitReady(timeout, Duration.ofMillis(200));
    }

    /** Start-up to ready: {@link #awaitReady} polled every 10 ms, timed from the process's launch. */
    Duration startUp(Duration timeout) throws Exception {
        awaitReady(timeout, Duration.ofMillis(10));
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private ServiceProcess awaitReady(Duration timeout, Duration poll) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(poll.toMillis()); // polling a process's port: no event to wait on
        }
        throw new IllegalStateException(service + " not ready after " + timeout + ":\n" + tail());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + env.get("FX_ADMIN_TOKEN"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    int port() {
        return port;
    }

    /** Fails with the log's tail when the process has exited (an OutOfMemoryError, a bad setting). */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(service + " exited with " + process.exitValue() + ":\n" + tail());
        }
    }

    /** The JVM options it runs with (JDK_JAVA_OPTIONS). */
    String jvm() {
        return env.getOrDefault("JDK_JAVA_OPTIONS", "(defaults)");
    }

    long pid() {
        return process.pid();
    }

    /** CPU seconds the process has used so far, user and system. */
    double cpuSeconds() {
        return io.fxpipeline.testing.bench.CpuMeter.cpuNanos(process.toHandle()) / 1e9;
    }

    /** Resident set size in MiB, from /proc (Linux); -1 elsewhere. */
    long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** SIGTERM, as Kubernetes stops a pod, and waits for the process to end; answers whether it ended in time. */
    boolean stop(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL: no shutdown hook, no goodbye; what a crash or an OOM kill looks like. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: Quarkus shuts down gracefully
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The settings that point a service at a run's database (as its superuser), Redis and channel prefix. */
    static Map<String, String> connection(io.fxpipeline.testing.TestDatabase database, io.fxpipeline.testing.ServerAddress redis,
                                          String prefix) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("DB_HOST", database.server().address().host());
        env.put("DB_PORT", String.valueOf(database.server().address().port()));
        env.put("DB_NAME", database.name());
        env.put("DB_USER", database.server().user());
        env.put("DB_PASSWORD", database.server().password());
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", String.valueOf(redis.port()));
        env.put("FX_PREFIX", prefix);
        return env;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
