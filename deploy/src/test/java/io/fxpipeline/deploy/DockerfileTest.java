package io.fxpipeline.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules of the Dockerfiles that hold wherever they are built: base image pinned by tag (the default of the
 * BASE_IMAGE argument for the JVM images), not run as root, EXPOSE = the service's HTTP port, entrypoint runs the
 * app, and everything they COPY exists after a build (or in the repository). ImagesTest builds and runs the JVM
 * images; the native ones need a GraalVM build first, so these checks are what they get here.
 */
class DockerfileTest {

    record Image(String service, String flavour) {
        Path dockerfile() {
            return Repo.root().resolve(service).resolve("src/main/docker/Dockerfile." + flavour);
        }

        @Override
        public String toString() {
            return service + " " + flavour;
        }
    }

    static Stream<Image> images() {
        return Repo.SERVICES.stream().flatMap(s -> Stream.of(new Image(s, "jvm"), new Image(s, "native")));
    }

    /** Instructions with continuation lines joined; comments dropped. */
    static List<String[]> instructions(Path file) throws IOException {
        List<String[]> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString();
            current.setLength(0);
            String[] parts = text.split("\\s+", 2);
            result.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""});
        }
        return result;
    }

    static List<String> args(List<String[]> instructions, String keyword) {
        return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
    }

    /** Where the first {@code keyword} instruction whose arguments start with {@code prefix} stands. */
    static int position(List<String[]> instructions, String keyword, String prefix) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i)[0].equals(keyword) && instructions.get(i)[1].startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no " + keyword + " " + prefix);
    }

    @ParameterizedTest
    @MethodSource("images")
    void baseImageIsPinnedByTag(Image image) throws IOException {
        List<String[]> instructions = instructions(image.dockerfile());
        List<String> from = args(instructions, "FROM");
        assertThat(from).isNotEmpty();
        assertThat(from).allSatisfy(f -> {
            String ref = resolveArgs(f.split("\\s+")[0], instructions);
            assertThat(ref).as("FROM %s", ref).matches(".+:[A-Za-z0-9][\\w.-]*(@sha256:[0-9a-f]{64})?");
            assertThat(ref).as("FROM %s", ref).doesNotEndWith(":latest");
        });
    }

    /** {@code ${NAME}} replaced by the default of {@code ARG NAME=default}. */
    static String resolveArgs(String text, List<String[]> instructions) {
        String resolved = text;
        for (String arg : args(instructions, "ARG")) {
            String[] nameAndDefault = arg.split("=", 2);
            if (nameAndDefault.length == 2) {
                resolved = resolved.replace("${" + nameAndDefault[0] + "}", nameAndDefault[1]);
            }
        }
        assertThat(resolved).as("every ${ARG} in %s has a default", text).doesNotContain("${");
        return resolved;
    }

    @ParameterizedTest
    @MethodSource("images")
    void runsAsANonRootUser(Image image) throws IOException {
        List<String> users = args(instructions(image.dockerfile()), "USER");
        assertThat(users).as("a USER instruction").isNotEmpty();
        String last = users.get(users.size() - 1).split(":")[0];
        assertThat(last).isNotIn("root", "0");
        assertThat(last).matches("\\d+"); // numeric: Kubernetes' runAsNonRoot can verify it
    }

    @ParameterizedTest
    @MethodSource("images")
    void leavesHealthToKubernetesProbes(Image image) throws IOException {
        // a HEALTHCHECK would run a second probe inside the container (and needs curl in the image)
        assertThat(args(instructions(image.dockerfile()), "HEALTHCHECK")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("images")
    void exposesTheServicesHttpPort(Image image) throws IOException {
        assertThat(args(instructions(image.dockerfile()), "EXPOSE"))
                .containsExactly(String.valueOf(Repo.httpPort(image.service())));
    }

    @ParameterizedTest
    @MethodSource("images")
    void entrypointRunsTheApplication(Image image) throws IOException {
        List<String[]> instructions = instructions(image.dockerfile());
        List<String> entrypoint = args(instructions, "ENTRYPOINT");
        assertThat(entrypoint).hasSize(1);
        if (image.flavour().equals("jvm")) {
            // no start script: `java` is on the PATH of the UBI base and of deploy/images/base.sh's; it starts
            // from /deployments with the ahead-of-time cache the image's own JVM made there (named relative to it)
            assertThat(entrypoint.get(0)).isEqualTo("[ \"java\", \"-XX:AOTCache=app.aot\", \"-jar\", \"quarkus-run.jar\" ]");
            assertThat(args(instructions, "WORKDIR")).containsExactly("/deployments");
            assertThat(args(instructions, "RUN")).singleElement().asString()
                    .contains("-XX:AOTCacheOutput=app.aot", "-Dquarkus.appcds.generate=true", "-jar quarkus-run.jar",
                            "$TRAINING_ENV", "/q/health/ready");
            // a whole start only when asked (build.sh --train): by default the build needs no servers
            assertThat(args(instructions, "ARG")).contains("TRAINING_ENV=");
            // a bounded heap (sized for the work, or a share of the container's memory) and a crash on OOM; set
            // before the RUN, so the cache is made with the settings it is used with; no cache flag in it, so a
            // pod that overrides it to resize keeps the cache
            assertThat(args(instructions, "ENV")).filteredOn(e -> e.startsWith("JDK_JAVA_OPTIONS=")).singleElement().asString()
                    .containsAnyOf("-Xmx", "-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError")
                    .doesNotContain("AOTCache", "SharedArchiveFile");
            assertThat(position(instructions, "ENV", "JDK_JAVA_OPTIONS=")).isLessThan(position(instructions, "RUN", ""));
            assertThat(args(instructions, "LABEL")).anyMatch(l -> l.contains("org.opencontainers.image.source=")
                    && l.contains("org.opencontainers.image.version=") && l.contains("org.opencontainers.image.revision="));
        } else {
            assertThat(entrypoint.get(0)).startsWith("[ \"./application\"");
            assertThat(args(instructions, "COPY")).anyMatch(c -> c.contains("target/*-runner /work/application"));
        }
    }

    @ParameterizedTest
    @MethodSource("images")
    void copiesOnlyWhatTheBuildProducesAndTheDockerignoreLetsThrough(Image image) throws IOException {
        Path module = Repo.root().resolve(image.service());
        List<String> ignore = Files.readAllLines(module.resolve(".dockerignore"));
        assertThat(ignore).contains("*");
        for (String copy : args(instructions(image.dockerfile()), "COPY")) {
            String[] parts = copy.split("\\s+");
            String source = parts[parts.length - 2];
            assertThat(source).as("COPY source").satisfiesAnyOf(
                    s -> assertThat(s).startsWith("target/"),
                    s -> assertThat(module.resolve(s)).exists());
            String top = source.replaceAll("/\\*?$", "");
            assertThat(ignore).as(".dockerignore lets %s through", source)
                    .anyMatch(rule -> rule.startsWith("!") && (top.startsWith(rule.substring(1).replaceAll("/?\\*$", ""))
                            || rule.substring(1).startsWith(top.replaceAll("\\*.*$", ""))));
        }
    }
}
