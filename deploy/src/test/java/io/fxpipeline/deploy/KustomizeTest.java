package io.fxpipeline.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both overlays render with {@code kubectl kustomize}, and every rendered object parses strictly into the fabric8
 * Kubernetes model: an unknown or misspelt field anywhere fails (fabric8 keeps unknown fields aside in
 * additionalProperties; those must all be empty). Then the rules of the issue are checked on the objects.
 */
class KustomizeTest {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class, "v1/ConfigMap", ConfigMap.class, "v1/Secret", Secret.class,
            "v1/Service", Service.class, "apps/v1/Deployment", Deployment.class, "apps/v1/StatefulSet", StatefulSet.class,
            "batch/v1/Job", Job.class, "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static String render(String overlay) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", Repo.root().resolve("deploy/k8s/overlays").resolve(overlay).toString())
                    .redirectErrorStream(false).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("kubectl is not installed (Debian: apt-get install kubectl); .ci/run installs it");
            throw notInstalled;
        }
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize %s: %s", overlay, err).isZero();
        return out;
    }

    static List<HasMetadata> objects(String overlay) throws Exception {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : render(overlay).split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            JsonNode tree = YAML.readTree(document);
            String key = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
            Class<? extends HasMetadata> type = KINDS.get(key);
            assertThat(type).as("a known kind: %s", key).isNotNull();
            HasMetadata object = YAML.treeToValue(tree, type);
            assertThat(unknownFields(object, "", new IdentityHashMap<>()))
                    .as("unknown fields in %s %s", key, object.getMetadata().getName()).isEmpty();
            objects.add(object);
        }
        return objects;
    }

    /** Paths of every non-empty additionalProperties map in the object graph. */
    static List<String> unknownFields(Object node, String path, Map<Object, Boolean> seen) throws Exception {
        List<String> found = new ArrayList<>();
        if (node == null || seen.put(node, true) != null) {
            return found;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                found.addAll(unknownFields(item, path + "[" + i++ + "]", seen));
            }
            return found;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                found.addAll(unknownFields(e.getValue(), path + "." + e.getKey(), seen));
            }
            return found;
        }
        if (!(node instanceof KubernetesResource) && !node.getClass().getPackageName().startsWith("io.fabric8")) {
            return found;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + " " + extra.keySet());
                }
                continue;
            }
            found.addAll(unknownFields(value, path + "." + getter.getName().substring(3), seen));
        }
        return found;
    }

    static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rendersAndEveryObjectParsesStrictly(String overlay) throws Exception {
        List<HasMetadata> objects = objects(overlay);
        assertThat(of(objects, Namespace.class)).extracting(n -> n.getMetadata().getName()).containsExactly("fx-pipeline");
        assertThat(objects).allSatisfy(o -> {
            if (!(o instanceof Namespace)) {
                assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " " + o.getMetadata().getName()).isEqualTo("fx-pipeline");
            }
            assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "fx-pipeline");
        });
        assertThat(of(objects, ConfigMap.class)).extracting(c -> c.getMetadata().getName()).contains("fx-config");
        assertThat(of(objects, Deployment.class)).extracting(d -> d.getMetadata().getName())
                .contains("ingest-service", "analytics-service", "correlation-service", "dashboard-service");
        assertThat(of(objects, Service.class)).extracting(d -> d.getMetadata().getName())
                .contains("ingest-service", "analytics-service", "correlation-service", "dashboard-service");
        assertThat(of(objects, PodDisruptionBudget.class)).hasSizeGreaterThanOrEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesAreProbedLimitedAndLockedDown(String overlay) throws Exception {
        List<HasMetadata> objects = objects(overlay);
        for (Deployment d : of(objects, Deployment.class)) {
            if (!d.getMetadata().getName().endsWith("-service")) {
                continue;
            }
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            String name = d.getMetadata().getName();
            int port = Repo.httpPort(name);
            assertThat(c.getPorts().get(0).getContainerPort()).as(name).isEqualTo(port);
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(c.getResources().getLimits()).containsKeys("memory", "cpu");
            assertThat(c.getResources().getRequests()).containsKeys("memory", "cpu");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getEnableServiceLinks()).as(name + ": no injected REDIS_PORT=tcp://...").isFalse();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
            // secrets only by reference, never as literal values in the manifests; a service's Redis login is its own
            String component = d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component");
            assertThat(c.getEnv()).filteredOn(e -> e.getName().contains("PASSWORD") || e.getName().contains("API_KEY")
                            || e.getName().contains("SIGNING_KEY"))
                    .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName())
                            .isIn("fx-secrets", "fx-redis-" + component));
        }
    }

    /** Each service logs in to Redis as its own ACL user from a Secret of its own; only ingest holds the signing key. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsOwnRedisUserAndOnlyIngestSigns(String overlay) throws Exception {
        List<HasMetadata> objects = objects(overlay);
        for (String service : List.of("ingest", "analytics", "correlation", "dashboard")) {
            Deployment d = of(objects, Deployment.class).stream()
                    .filter(x -> x.getMetadata().getName().equals(service + "-service")).findFirst().orElseThrow();
            Map<String, io.fabric8.kubernetes.api.model.EnvVar> env = new java.util.HashMap<>();
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().forEach(e -> env.put(e.getName(), e));
            for (String variable : List.of("REDIS_USERNAME", "REDIS_PASSWORD")) {
                var ref = env.get(variable).getValueFrom().getSecretKeyRef();
                assertThat(ref.getName()).as(service + " " + variable).isEqualTo("fx-redis-" + service);
                assertThat(ref.getKey()).isEqualTo(variable);
                assertThat(ref.getOptional()).as("no pod starts without its Redis login").isNotEqualTo(Boolean.TRUE);
            }
            assertThat(env.containsKey("FX_CANDLE_SIGNING_KEY")).as(service + " signs").isEqualTo(service.equals("ingest"));
            assertThat(env.containsKey("FX_CANDLE_PUBLIC_KEY")).as(service + " verifies")
                    .isEqualTo(service.equals("analytics") || service.equals("correlation"));
        }
        Container backfill = of(objects, Job.class).get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(backfill.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("REDIS_USERNAME");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("fx-redis-ingest");
        }).anyMatch(e -> e.getName().equals("FX_CANDLE_SIGNING_KEY"));
        if (overlay.equals("dev")) {
            // the dev Redis loads the users with deploy/redis/users-acl.sh as it is, from the services' own Secrets
            ConfigMap acl = of(objects, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals("redis-acl"))
                    .findFirst().orElseThrow();
            assertThat(acl.getData().get("users-acl.sh")).isEqualTo(Files.readString(Repo.root().resolve("deploy/redis/users-acl.sh")));
            Container redis = of(objects, Deployment.class).stream().filter(x -> x.getMetadata().getName().equals("redis"))
                    .findFirst().orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(String.join(" ", redis.getCommand())).contains("sh /acl/users-acl.sh", "--aclfile");
            assertThat(redis.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/acl"));
            for (String service : List.of("ingest", "analytics", "correlation", "dashboard")) {
                assertThat(redis.getEnv()).anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo(service.toUpperCase() + "_REDIS_PASSWORD");
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("fx-redis-" + service);
                });
            }
            assertThat(of(objects, Secret.class)).extracting(s -> s.getMetadata().getName()).contains("fx-redis-ingest",
                    "fx-redis-analytics", "fx-redis-correlation", "fx-redis-dashboard");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyThePipelinesPodsReachTheDataStoresAndTheBackfillJobRunsTheCommand(String overlay) throws Exception {
        List<HasMetadata> objects = objects(overlay);
        NetworkPolicy policy = of(objects, NetworkPolicy.class).stream()
                .filter(p -> p.getMetadata().getName().equals("data-stores")).findFirst().orElseThrow();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/part-of", "fx-pipeline").containsEntry("fx-pipeline.io/data-access", "true");
        for (Deployment d : of(objects, Deployment.class)) {
            if (d.getMetadata().getName().endsWith("-service")) {
                assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                        .containsEntry("app.kubernetes.io/part-of", "fx-pipeline").containsEntry("fx-pipeline.io/data-access", "true");
            }
        }
        Job backfill = of(objects, Job.class).get(0);
        Container c = backfill.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getArgs()).startsWith("backfill", "--days");
        assertThat(c.getImage()).contains("ingest-service");
        assertThat(backfill.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("fx-pipeline.io/data-access", "true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void devRunsItsOwnDataStoresAndProdUsesManagedOnes(String overlay) throws Exception {
        List<HasMetadata> objects = objects(overlay);
        ConfigMap config = of(objects, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals("fx-config"))
                .findFirst().orElseThrow();
        if (overlay.equals("dev")) {
            assertThat(of(objects, StatefulSet.class)).extracting(s -> s.getMetadata().getName()).containsExactly("postgres");
            assertThat(of(objects, Service.class)).extracting(s -> s.getMetadata().getName()).contains("postgres", "redis");
            assertThat(config.getData()).containsEntry("DB_HOST", "postgres").containsEntry("REDIS_HOST", "redis");
            assertThat(of(objects, Secret.class)).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder(
                    "fx-secrets", "fx-redis-ingest", "fx-redis-analytics", "fx-redis-correlation", "fx-redis-dashboard");
            StatefulSet postgres = of(objects, StatefulSet.class).get(0);
            assertThat(postgres.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "postgres");
            assertThat(postgres.getSpec().getVolumeClaimTemplates()).hasSize(1);
        } else {
            assertThat(of(objects, StatefulSet.class)).isEmpty();
            // the real Secret is created from a secret manager; an apply must never overwrite it with a template
            assertThat(of(objects, Secret.class)).isEmpty();
            assertThat(config.getData().get("DB_HOST")).endsWith(".internal");
            assertThat(config.getData()).containsEntry("DB_SSL_MODE", "require");
            assertThat(config.getData().get("REDIS_URL")).startsWith("rediss://").contains(".internal:");
            assertThat(of(objects, Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(2));
        }
    }

    /** The dev cluster's PostgreSQL runs deploy/sql/roles.sql itself (no copy to keep equal), with the compose init script. */
    @org.junit.jupiter.api.Test
    void theDevClustersPostgresRunsTheRolesScriptAsItIs() throws Exception {
        List<HasMetadata> objects = objects("dev");
        ConfigMap init = of(objects, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals("postgres-init"))
                .findFirst().orElseThrow();
        assertThat(init.getData().get("roles.sql")).isEqualTo(Files.readString(Repo.root().resolve("deploy/sql/roles.sql")));
        assertThat(init.getData().get("init-roles.sh")).isEqualTo(Files.readString(Repo.root().resolve("deploy/sql/init-roles.sh")))
                .contains("-f /sql/roles.sql");
        Container postgres = of(objects, StatefulSet.class).get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(postgres.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/docker-entrypoint-initdb.d"))
                .anyMatch(m -> m.getMountPath().equals("/sql"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDashboardGetsNoDatabaseSettingsAndReachesOnlyRedis(String overlay) throws Exception {
        List<HasMetadata> objects = objects(overlay);
        Deployment dashboard = of(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("dashboard-service")).findFirst().orElseThrow();
        Container c = dashboard.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getEnvFrom()).as("no shared fx-config with database settings").isEmpty();
        assertThat(c.getEnv()).extracting(e -> e.getName()).noneMatch(n -> n.startsWith("DB_"))
                .contains("REDIS_HOST", "REDIS_PORT", "REDIS_USERNAME", "REDIS_PASSWORD", "DASHBOARD_TOKEN");
        NetworkPolicy policy = of(objects, NetworkPolicy.class).stream()
                .filter(p -> p.getMetadata().getName().equals("dashboard-service")).findFirst().orElseThrow();
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "dashboard-service");
        assertThat(policy.getSpec().getPolicyTypes()).contains("Egress");
        assertThat(policy.getSpec().getEgress()).flatExtracting(e -> e.getPorts())
                .extracting(p -> p.getPort().getIntVal()).containsOnly(6379, 53);
    }

    @org.junit.jupiter.api.Test
    void prodRoutesThePageToTheDashboardAndOnlyReadPathsToTheApis() throws Exception {
        List<HasMetadata> objects = objects("prod");
        List<HTTPIngressPath> paths = of(objects, Ingress.class).stream()
                .flatMap(i -> i.getSpec().getRules().stream()).flatMap(r -> r.getHttp().getPaths().stream()).toList();
        assertThat(paths).anySatisfy(p -> {
            assertThat(p.getPath()).isEqualTo("/");
            assertThat(p.getBackend().getService().getName()).isEqualTo("dashboard-service");
        });
        for (String service : List.of("ingest", "analytics", "correlation")) {
            assertThat(paths).filteredOn(p -> p.getPath().startsWith("/api/" + service + "/"))
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.getBackend().getService().getName()).isEqualTo(service + "-service"));
        }
        // the unauthenticated write endpoints are not reachable from outside
        assertThat(paths).noneMatch(p -> java.util.regex.Pattern.matches(p.getPath(), "/api/correlation/correlation/run")
                || java.util.regex.Pattern.matches(p.getPath(), "/api/analytics/admin/recompute/EUR_USD"));
        assertThat(paths).anyMatch(p -> java.util.regex.Pattern.matches(p.getPath(), "/api/analytics/metrics/EUR_USD"));
        assertThat(of(dev(), Ingress.class)).isEmpty();
    }

    private static List<HasMetadata> dev() throws Exception {
        return objects("dev");
    }
}
