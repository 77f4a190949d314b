package io.fxpipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.RealServers;
import io.fxpipeline.testing.ServerAddress;
import io.fxpipeline.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every service's JVM image, built by deploy/images/build.sh and run for real with podman, as Kubernetes runs it
 * (deploy/k8s/base): read-only root filesystem with a /tmp volume, the image's non-root user, no capabilities, the
 * memory limit of its Deployment. On host networking against the host's PostgreSQL and Redis, in a fresh database
 * with a run prefix: each container gets ready, a backfill runs through the ingest image's command, every candle
 * gets its metrics and its close, a Redis subscriber sees alerts of both kinds. Prints image sizes, start-up to
 * ready and memory. Skipped (with the reason) where buildah or podman is missing; `.ci/run` installs them.
 */
class ImagesTest {

    static final Instant FIRST = Instant.parse("2025-01-05T22:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(180);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static String run;
    static String tag;
    static String prefix;
    static TestDatabase database;
    static TestDatabase training;
    static ServerAddress redis;
    static final List<String> containers = new ArrayList<>();

    @BeforeAll
    static void buildTheImages() throws Exception {
        assumeTrue(Podman.installed("buildah") && Podman.installed("podman"),
                "buildah and podman are not installed (Debian: apt-get install buildah podman runc busybox-static); "
                        + ".ci/run installs them");
        // the local base is a JRE 25 jlinked from a JDK 25 here (for the images' ahead-of-time cache)
        Podman.Result jdk = Podman.exec(List.of(Repo.root().resolve("deploy/images/base.sh").toString(), "--find-jdk"), 1);
        assumeTrue(jdk.exitCode() == 0, jdk.output().strip());
        for (String service : Repo.SERVICES) {
            ServiceProcess.jar(service); // built by the reactor before this module
        }
        run = UUID.randomUUID().toString().substring(0, 8);
        tag = "test-" + run;
        prefix = "img-" + run + ":";
        database = TestDatabase.create("images");
        redis = RealServers.redis();
        // the images' ahead-of-time caches from a whole start of each service (build.sh --train), in a database of its own
        training = TestDatabase.create("training");
        Map<String, String> trainingServers = new LinkedHashMap<>(Map.of(
                "DB_HOST", training.server().address().host(), "DB_PORT", String.valueOf(training.server().address().port()),
                "DB_USER", training.server().user(), "TRAINING_DB_NAME", training.name(),
                "REDIS_HOST", redis.host(), "REDIS_PORT", String.valueOf(redis.port())));
        List<String> build = List.of(Repo.root().resolve("deploy/images/build.sh").toString(), "--tag", tag, "--train");
        Podman.Result built = Podman.exec(build, trainingServers, 15);
        assertThat(built.exitCode()).as(built.output()).isZero();
        assertThat(built.output()).contains("(cache from a whole start)");
        System.out.println("IMAGES " + built.output().replace("\n", "\nIMAGES "));
    }

    @AfterAll
    static void removeContainersImagesAndDatabase() throws Exception {
        if (run == null) {
            return;
        }
        for (String name : containers) {
            Podman.run("rm", "--force", "--time", "30", name);
        }
        if (prefix != null) {
            io.fxpipeline.testing.PrefixedKeys.delete(redis, prefix); // the run's keys
        }
        for (String service : Repo.SERVICES) {
            Podman.run("rmi", image(service));
        }
        for (TestDatabase db : new TestDatabase[] {database, training}) {
            if (db != null) {
                db.close();
            }
        }
        assertThat(Podman.ok("ps", "--all", "--filter", "name=fx-" + run, "--format", "{{.Names}}")).isEmpty();
    }

    static String image(String service) {
        return "localhost/fx-pipeline/" + service + ":" + tag;
    }

    @Test
    void theSuiteRunsFromItsImagesReadOnlyAsNonRootWithinTheKubernetesMemoryLimit() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Long> started = new LinkedHashMap<>();
        // consumers (and the dashboard) first, so they subscribe before any candle is published
        for (String service : List.of("analytics-service", "correlation-service", "dashboard-service", "ingest-service")) {
            int port = ServiceProcess.freePort();
            ports.put(service, port);
            started.put(service, System.nanoTime());
            List<String> args = new ArrayList<>(List.of("run", "--detach", "--name", container(service)));
            args.addAll(kubernetesLike(service));
            args.addAll(env(service, Map.of("HTTP_PORT", String.valueOf(port))));
            args.add(image(service));
            Podman.ok(args.toArray(String[]::new));
            containers.add(container(service));
        }
        Map<String, Long> readyMillis = new LinkedHashMap<>();
        for (String service : ports.keySet()) {
            awaitReady(service, ports.get(service));
            readyMillis.put(service, (System.nanoTime() - started.get(service)) / 1_000_000);
        }

        for (String service : Repo.SERVICES) {
            // what the image is: the non-root user of deploy/k8s, labels, a read-only root filesystem
            assertThat(Podman.ok("image", "inspect", "--format", "{{.Config.User}}", image(service))).isEqualTo("185");
            assertThat(Podman.ok("exec", container(service), "id", "-u")).isEqualTo("185");
            Podman.Result write = Podman.run("exec", container(service), "touch", "/deployments/written");
            assertThat(write.exitCode()).isNotZero();
            assertThat(write.output()).contains("Read-only file system");
            String labels = Podman.ok("image", "inspect", "--format", "{{json .Labels}}", image(service));
            assertThat(labels).contains("\"org.opencontainers.image.version\":\"" + projectVersion() + "\"",
                    "\"org.opencontainers.image.title\":\"" + service + "\"", "\"org.opencontainers.image.source\"");
            assertThat(labels).containsPattern("\"org.opencontainers.image.revision\":\"[0-9a-f]{40}\"");
            // the image's JVM takes the ahead-of-time cache its build made (AOTMode=on: it would refuse to start otherwise)
            Podman.Result cache = Podman.run("exec", container(service), "java", "-XX:AOTCache=app.aot", "-XX:AOTMode=on", "-version");
            assertThat(cache.exitCode()).as(cache.output()).isZero();
            assertThat(cache.output()).contains("version \"25");
        }

        try (ChannelRecorder recorder = ChannelRecorder.subscribe("redis://" + redis.host() + ":" + redis.port(),
                prefix + "volatility_alerts", prefix + "correlation_alerts")) {
            // 1. Ten trading days of 20 pairs, loaded by the ingest image's backfill command (the image's replay set).
            List<String> backfill = new ArrayList<>(List.of("run", "--rm", "--name", "fx-" + run + "-backfill"));
            backfill.addAll(kubernetesLike("ingest-service"));
            backfill.addAll(env("ingest-service", Map.of("FX_REPLAY_START", FIRST.plus(Duration.ofDays(14)).toString())));
            backfill.addAll(List.of(image("ingest-service"), "backfill", "--days", "14", "--no-progress"));
            containers.add("fx-" + run + "-backfill");
            Podman.Result loaded = Podman.run(backfill.toArray(String[]::new));
            assertThat(loaded.exitCode()).as(loaded.output()).isZero();
            assertThat(loaded.output()).contains("EUR_USD: 240 records (240 new or changed, 0 rejected)", "backfill SUCCEEDED");

            // 2. Every candle gets its metrics (analytics) and its close (correlation).
            long candles = 20 * 240;
            assertThat(count("SELECT count(*) FROM ingest.candles")).isEqualTo(candles);
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM analytics.volatility_metrics") == candles);
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM correlation.closes") == candles);
            assertThat(count("""
                    SELECT count(*) FROM ingest.candles c LEFT JOIN analytics.volatility_metrics m USING (pair, granularity, time)
                    WHERE m.time IS NULL""")).isZero();

            // 3. A correlation run, then a Redis subscriber has alerts of both kinds.
            HttpResponse<String> correlation = post(ports.get("correlation-service"), "/correlation/run");
            assertThat(correlation.statusCode()).as(correlation.body()).isEqualTo(200);
            assertThat(correlation.body()).contains("\"status\":\"SUCCEEDED\"", "\"with_value\":190");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(recorder.payloads(prefix + "volatility_alerts")).anyMatch(m -> m.contains("\"type\":\"volatility_alert\""));
                assertThat(recorder.payloads(prefix + "correlation_alerts")).anyMatch(m -> m.contains("\"type\":\"correlation_alert\""));
            });
        }

        // 4. Memory within the Deployment's limit, which the JVM saw.
        StringBuilder report = new StringBuilder();
        for (String service : Repo.SERVICES) {
            long limit = memoryLimitBytes(service);
            // the limit as the JVM inside reads it: cgroup v2, else v1
            assertThat(Long.parseLong(Podman.ok("exec", container(service), "sh", "-c",
                    "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes")))
                    .as("%s container memory limit", service).isEqualTo(limit);
            long rss = rssBytes(service);
            assertThat(rss).as("%s RSS", service).isPositive().isLessThan(limit);
            assertThat(Podman.ok("inspect", "--format", "{{.State.Running}}", container(service))).isEqualTo("true");
            report.append(String.format("%nIMAGES %s: image %s, ready %.1f s after podman run (%s), RSS %d MiB of %d MiB",
                    service, Podman.ok("image", "inspect", "--format", "{{.Size}}", image(service)),
                    readyMillis.get(service) / 1000.0, quarkusStartup(service), rss >> 20, limit >> 20));
        }
        System.out.println(report);
    }

    /** The pod settings of deploy/k8s/base that podman can apply. */
    static List<String> kubernetesLike(String service) throws Exception {
        return List.of("--network", "host", "--read-only", "--tmpfs", "/tmp:rw,size=64m", "--cap-drop", "ALL",
                "--security-opt", "no-new-privileges", "--memory", String.valueOf(memoryLimitBytes(service)));
    }

    static List<String> env(String service, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(ServiceProcess.connection(database, redis, prefix));
        env.put("HOURLY_JOB_ENABLED", "false");
        env.put("DAILY_JOB_ENABLED", "false");
        env.put("FX_ADMIN_TOKEN", ServiceProcess.ADMIN_TOKEN); // POST /correlation/run needs it (HttpGuard)
        if (service.equals("ingest-service")) {
            env.put("FX_FEED", "replay"); // FX_REPLAY_DIR is the image's own replay set
            // serving, ingest's clock stands at the first candle and barely moves: the backfill command feeds the days
            env.put("FX_REPLAY_START", FIRST.toString());
            env.put("FX_REPLAY_SPEED", "1");
        }
        env.putAll(extra);
        List<String> args = new ArrayList<>();
        env.forEach((k, v) -> args.addAll(List.of("--env", k + "=" + v)));
        return args;
    }

    static String container(String service) {
        return "fx-" + run + "-" + service;
    }

    static void awaitReady(String service, int port) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
            String state = Podman.ok("inspect", "--format", "{{.State.Running}}", container(service));
            assertThat(state).as("%s is running; its log:%n%s", service, Podman.run("logs", "--tail", "40", container(service)).output())
                    .isEqualTo("true");
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    static HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ServiceProcess.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** RSS of the JVM, PID 1 of the container. */
    static long rssBytes(String service) throws Exception {
        Matcher m = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Podman.ok("exec", container(service), "cat", "/proc/1/status"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** "started in 2.1s" from the service's own log. */
    static String quarkusStartup(String service) throws Exception {
        Matcher m = Pattern.compile("started in ([0-9.]+s)").matcher(Podman.ok("logs", container(service)));
        return m.find() ? "Quarkus: started in " + m.group(1) : "no start-up line";
    }

    /** The memory limit of the service's container in its Deployment as deploy/k8s/base renders (patches applied). */
    static long memoryLimitBytes(String service) throws IOException, InterruptedException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String document : KustomizeTest.render("../base").split("(?m)^---\\s*$")) {
            JsonNode tree = yaml.readTree(document);
            if (tree != null && "Deployment".equals(tree.path("kind").asText())
                    && service.equals(tree.path("metadata").path("name").asText())) {
                String limit = tree.path("spec").path("template").path("spec").path("containers").path(0)
                        .path("resources").path("limits").path("memory").asText();
                return quantity(limit);
            }
        }
        throw new IllegalStateException("no Deployment " + service + " with a memory limit in deploy/k8s/base");
    }

    static long quantity(String memory) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(memory);
        assertThat(m.matches()).as("memory limit '%s' in Mi or Gi", memory).isTrue();
        return Long.parseLong(m.group(1)) << (m.group(2).equals("Gi") ? 30 : 20);
    }

    static String projectVersion() throws IOException {
        Matcher m = Pattern.compile("(?m)^  <version>(.+)</version>").matcher(Files.readString(Repo.root().resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static long count(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
