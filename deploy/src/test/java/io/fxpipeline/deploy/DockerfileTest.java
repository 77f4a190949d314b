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
 * The images cannot be built here (no Docker engine), so their Dockerfiles are kept correct by construction and
 * checked: base image pinned by tag, not run as root, EXPOSE = the service's HTTP port, entrypoint runs the app,
 * and everything they COPY exists after a build (or in the repository).
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

    @ParameterizedTest
    @MethodSource("images")
    void baseImageIsPinnedByTag(Image image) throws IOException {
        List<String> from = args(instructions(image.dockerfile()), "FROM");
        assertThat(from).isNotEmpty();
        assertThat(from).allSatisfy(f -> {
            String ref = f.split("\\s+")[0];
            assertThat(ref).as("FROM %s", ref).matches(".+:[A-Za-z0-9][\\w.-]*(@sha256:[0-9a-f]{64})?");
            assertThat(ref).as("FROM %s", ref).doesNotEndWith(":latest");
        });
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
            assertThat(entrypoint.get(0)).contains("run-java.sh");
            assertThat(args(instructions, "ENV")).anyMatch(e -> e.contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""));
            assertThat(args(instructions, "ENV")).anyMatch(e -> e.contains("-XX:MaxRAMPercentage="));
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
