package io.fxpipeline.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * .env.example lists every environment variable the services read (each ${VAR} of their application.properties
 * and of the kit's shared settings),
 * and .env, which Quarkus reads and may hold secrets, is git-ignored.
 */
class EnvExampleTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    @Test
    void everyVariableIsListedAndDotEnvIsIgnored() throws Exception {
        Path root = Repo.root();
        Set<String> read = new TreeSet<>();
        java.util.List<Path> files = new java.util.ArrayList<>();
        Repo.SERVICES.forEach(service -> files.add(root.resolve(service).resolve("src/main/resources/application.properties")));
        // the settings every service shares live in the service kit
        files.add(root.resolve("shared-model/messaging/src/main/resources/META-INF/microprofile-config.properties"));
        files.add(root.resolve("shared-model/messaging/src/main/resources/META-INF/fx-store-defaults.properties"));
        for (Path file : files) {
            Matcher m = VARIABLE.matcher(Files.readString(file));
            while (m.find()) {
                read.add(m.group(1));
            }
        }
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(root.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                listed.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(read).contains("CACHE_TTL_PRICES", "LOG_LEVEL", "LOG_FILE", "CORRELATION_STALE_BARS");
        // CACHE_TTL_PRICE is the old alias of CACHE_TTL_PRICES, named in a comment
        read.remove("CACHE_TTL_PRICE");
        read.remove("FX_REPLAY_TIMEOUT"); // the earlier name of FX_CATCHUP_TIMEOUT
        assertThat(listed).containsAll(read);
        assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains(".env");
    }
}
