package io.fxpipeline.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths of the repository, found from this module's folder whichever directory the build runs in. */
final class Repo {

    static final List<String> SERVICES = List.of("ingest-service", "analytics-service", "correlation-service",
            "dashboard-service");

    private Repo() {
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isDirectory(p.resolve("ingest-service"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the fx-pipeline repository: " + here);
    }

    /** The HTTP port a service listens on by default, read from its application.properties. */
    static int httpPort(String service) throws java.io.IOException {
        for (String line : Files.readAllLines(root().resolve(service).resolve("src/main/resources/application.properties"))) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^quarkus\\.http\\.port=\\$\\{HTTP_PORT:(\\d+)}").matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException(service + " has no quarkus.http.port=${HTTP_PORT:<port>}");
    }
}
