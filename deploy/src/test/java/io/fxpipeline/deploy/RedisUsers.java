package io.fxpipeline.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ACL users of deploy/redis/users-acl.sh for one test run: random passwords, the run's prefix, the rendered
 * file, and each service's {@code REDIS_USERNAME}/{@code REDIS_PASSWORD}.
 */
final class RedisUsers {

    static final List<String> SERVICES = List.of("ingest", "analytics", "correlation", "dashboard");

    final String prefix;
    final Path aclFile;
    final String adminPassword = UUID.randomUUID().toString();
    private final Map<String, String> passwords = new HashMap<>();

    RedisUsers(String prefix, Path dir) throws Exception {
        this.prefix = prefix;
        SERVICES.forEach(s -> passwords.put(s, "pw " + UUID.randomUUID())); // a space: the file holds hashes only
        ProcessBuilder render = new ProcessBuilder("sh", Repo.root().resolve("deploy/redis/users-acl.sh").toString());
        render.environment().put("FX_PREFIX", prefix);
        passwords.forEach((service, password) -> render.environment().put(variable(service), password));
        render.environment().put("REDIS_ADMIN_PASSWORD", adminPassword);
        Process p = render.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String acl = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("users-acl.sh").isZero();
        assertThat(acl).doesNotContain(passwords.get("ingest"));
        this.aclFile = Files.writeString(dir.resolve("users.acl"), acl);
    }

    /** The variable users-acl.sh reads a service's password from. */
    static String variable(String service) {
        return service.toUpperCase() + "_REDIS_PASSWORD";
    }

    String password(String service) {
        return passwords.get(service);
    }

    /** What a service process needs to log in as its user. */
    Map<String, String> env(String service) {
        return Map.of("REDIS_USERNAME", service, "REDIS_PASSWORD", passwords.get(service));
    }
}
