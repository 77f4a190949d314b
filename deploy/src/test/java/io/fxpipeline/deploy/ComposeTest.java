package io.fxpipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/compose.yml: the five services, each with a health check, started in dependency order by health. */
class ComposeTest {

    private static JsonNode compose() throws IOException {
        // SnakeYAML resolves anchors, aliases and merge keys (<<) as docker compose does; Jackson's tree does not.
        Object yaml = new org.yaml.snakeyaml.Yaml().load(Files.readString(Repo.root().resolve("deploy/compose.yml")));
        return new ObjectMapper().valueToTree(yaml);
    }

    @Test
    void everyServiceHasAHealthCheckAndWaitsForHealthyDependencies() throws IOException {
        JsonNode services = compose().get("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("postgres", "redis", "ingest", "analytics", "correlation",
                "dashboard");
        services.fields().forEachRemaining(e -> {
            assertThat(e.getValue().path("healthcheck").path("test").isArray()).as(e.getKey() + " healthcheck").isTrue();
            e.getValue().path("depends_on").fields().forEachRemaining(d -> assertThat(d.getValue().path("condition").asText())
                    .as(e.getKey() + " waits for " + d.getKey()).isEqualTo("service_healthy"));
        });
        for (String app : List.of("ingest", "analytics", "correlation")) {
            JsonNode service = services.get(app);
            assertThat(service.path("depends_on").has("postgres")).isTrue();
            assertThat(service.path("depends_on").has("redis")).isTrue();
            assertThat(service.path("build").path("dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(Files.exists(Repo.root().resolve("deploy").resolve(service.path("build").path("context").asText())
                    .resolve("src/main/docker/Dockerfile.jvm"))).isTrue();
            // each service logs in as its own role, never as the superuser, and comes back if it stops
            assertThat(service.path("environment").path("DB_USER").asText()).isEqualTo("fx_" + app);
            assertThat(service.path("restart").asText()).isEqualTo("unless-stopped");
        }
        // the dashboard reads only Redis: no database, no database credentials
        JsonNode dashboard = services.get("dashboard");
        assertThat(dashboard.path("depends_on").has("redis")).isTrue();
        assertThat(dashboard.path("depends_on").has("postgres")).isFalse();
        assertThat(dashboard.path("environment").has("DB_USER")).isFalse();
        assertThat(dashboard.path("environment").has("DB_HOST")).isFalse();
        assertThat(dashboard.path("build").path("dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.jvm");
        assertThat(Files.exists(Repo.root().resolve("deploy").resolve(dashboard.path("build").path("context").asText())
                .resolve("src/main/docker/Dockerfile.jvm"))).isTrue();
        assertThat(dashboard.path("restart").asText()).isEqualTo("unless-stopped");
    }

    /** Redis loads deploy/redis/users-acl.sh's users from the same passwords each service logs in with. */
    @Test
    void everyServiceLogsInToRedisAsItsOwnUser() throws IOException {
        JsonNode services = compose().get("services");
        JsonNode redis = services.get("redis");
        assertThat(redis.path("command").toString()).contains("sh /acl/users-acl.sh", "--aclfile");
        List<String> volumes = new ArrayList<>();
        redis.get("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).contains("./redis/users-acl.sh:/acl/users-acl.sh:ro");
        assertThat(Files.exists(Repo.root().resolve("deploy/redis/users-acl.sh"))).isTrue();
        for (String app : List.of("ingest", "analytics", "correlation", "dashboard")) {
            JsonNode env = services.get(app).path("environment");
            assertThat(env.path("REDIS_USERNAME").asText()).as(app).isEqualTo(app);
            String variable = app.toUpperCase() + "_REDIS_PASSWORD";
            assertThat(env.path("REDIS_PASSWORD").asText()).as(app).startsWith("${" + variable + ":-")
                    .isEqualTo(redis.path("environment").path(variable).asText());
            assertThat(env.has("FX_CANDLE_SIGNING_KEY")).as(app + " signs").isEqualTo(app.equals("ingest"));
            assertThat(env.has("FX_CANDLE_PUBLIC_KEY")).as(app + " verifies")
                    .isEqualTo(app.equals("analytics") || app.equals("correlation"));
        }
    }

    @Test
    void theDatabaseRolesAreCreatedAtInitFromTheRolesScript() throws IOException {
        JsonNode postgres = compose().get("services").get("postgres");
        List<String> volumes = new ArrayList<>();
        postgres.get("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).contains("./sql:/sql:ro").anyMatch(v -> v.endsWith(":/docker-entrypoint-initdb.d/10-roles.sh:ro"));
        assertThat(Files.readString(Repo.root().resolve("deploy/sql/init-roles.sh"))).contains("-f /sql/roles.sql");
        // over TCP: during the entrypoint's init-only start the socket answers but the server does not listen yet
        assertThat(postgres.path("healthcheck").path("test").toString()).contains("pg_isready -h 127.0.0.1");
    }
}
