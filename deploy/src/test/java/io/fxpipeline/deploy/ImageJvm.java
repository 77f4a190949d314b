package io.fxpipeline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM settings a service's image runs with, for processes outside one: the JDK_JAVA_OPTIONS of its Dockerfile.jvm,
 * with the class-data archive the build made beside the jar ({@link #BUILD_ARCHIVE}) in place of the image's
 * ahead-of-time cache, which only the image's JVM can read.
 */
final class ImageJvm {

    /** The build's AppCDS archive (quarkus.package.jar.appcds, for the build's JDK), named relative to the jar's folder. */
    static final String BUILD_ARCHIVE = "-XX:SharedArchiveFile=app-cds.jsa";

    private static final Pattern OPTIONS = Pattern.compile("(?m)^ENV JDK_JAVA_OPTIONS=\"([^\"]*)\"");
    private static final Pattern ARENAS = Pattern.compile("(?m)^ENV MALLOC_ARENA_MAX=(\\d+)");

    private ImageJvm() {
    }

    /**
     * The options, or {@code -Dbench.jvm} (or {@code -Dbench.jvm.<service>}) when a benchmark run tries others. A percentage of the machine's memory
     * is taken of the 512 MiB a container would show (outside one the JVM would see the whole machine).
     */
    static String options(String service) {
        String tried = System.getProperty("bench.jvm." + service, System.getProperty("bench.jvm", ""));
        String options = tried.isBlank() ? imageOptions(service) : tried;
        if (tried.isBlank() && options.contains("MaxRAMPercentage") && !options.contains("MaxRAM=")) {
            options = "-XX:MaxRAM=512m " + options;
        }
        return BUILD_ARCHIVE + " " + options; // the archive either way, so tried settings compare like for like
    }

    /** The image's MALLOC_ARENA_MAX (glibc's arenas: one per thread would cost RSS), or null when it sets none. */
    static String mallocArenas(String service) {
        Matcher m = ARENAS.matcher(dockerfile(service));
        return m.find() ? m.group(1) : null;
    }

    private static String dockerfile(String service) {
        try {
            return Files.readString(Repo.root().resolve(service + "/src/main/docker/Dockerfile.jvm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String imageOptions(String service) {
        Matcher m = OPTIONS.matcher(dockerfile(service));
        if (!m.find()) {
            throw new IllegalStateException(service + "'s Dockerfile.jvm sets no JDK_JAVA_OPTIONS");
        }
        return m.group(1);
    }
}
