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
        assertThat(names).containsExactlyInAnyOrder("postgres", "redis", "ingest", "analytics", "correlation");
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
