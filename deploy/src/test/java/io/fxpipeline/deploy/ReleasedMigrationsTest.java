package io.fxpipeline.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Released Flyway migrations stay byte for byte as applied: Flyway validates each applied script's checksum at
 * start, so an edited one stops the service on every database migrated before the edit. The released scripts and
 * their SHA-256 are listed in {@code released-migrations.sha256}; a new script must be added to that list.
 */
class ReleasedMigrationsTest {

    /** Where migrations live: each service's own, and the kit's shared ones ({@code db/kit}, none released yet). */
    private static final List<String> MODULES = List.of("ingest-service", "analytics-service", "correlation-service",
            "dashboard-service", "shared-model/messaging");

    @Test
    void noReleasedMigrationChanged() throws Exception {
        Path root = Repo.root();
        List<String> changed = new ArrayList<>();
        released().forEach((file, hash) -> {
            Path path = root.resolve(file);
            if (!Files.exists(path)) {
                changed.add(file + " was removed");
            } else if (!sha256(path).equals(hash)) {
                changed.add(file + " changed (SHA-256 " + sha256(path) + ", released as " + hash + ")");
            }
        });
        assertThat(changed)
                .as("Released migrations are never edited or removed: Flyway refuses to start on every database "
                        + "migrated before the edit. Restore the file and put the change in a new V<n>__ script.")
                .isEmpty();
    }

    @Test
    void everyMigrationIsInTheReleasedList() throws Exception {
        Path root = Repo.root();
        Map<String, String> released = released();
        List<String> unlisted = new ArrayList<>();
        for (String module : MODULES) {
            Path db = root.resolve(module).resolve("src/main/resources/db");
            if (!Files.isDirectory(db)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(db)) {
                files.filter(p -> p.getFileName().toString().matches("V.+__.+\\.sql"))
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .filter(file -> !released.containsKey(file)).sorted()
                        .forEach(file -> unlisted.add(sha256(root.resolve(file)) + "  " + file));
            }
        }
        assertThat(unlisted)
                .as("New migrations are pinned once written: add these lines to "
                        + "deploy/src/test/resources/released-migrations.sha256")
                .isEmpty();
    }

    /** File (relative to the repository) to SHA-256, from the committed list. */
    private static Map<String, String> released() throws IOException {
        Map<String, String> released = new TreeMap<>();
        try (InputStream in = ReleasedMigrationsTest.class.getResourceAsStream("/released-migrations.sha256")) {
            assertThat(in).as("released-migrations.sha256 on the test class path").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+", 2);
                released.put(parts[1], parts[0]);
            }
        }
        assertThat(released).as("the released list is not empty").isNotEmpty();
        return released;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
