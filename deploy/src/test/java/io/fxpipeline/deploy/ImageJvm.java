package io.fxpipeline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JVM settings a service's image runs with: the JDK_JAVA_OPTIONS of its Dockerfile.jvm, for processes outside one. */
final class ImageJvm {

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
        if (!tried.isBlank()) {
            return tried;
        }
        String options = imageOptions(service);
        return options.contains("MaxRAMPercentage") && !options.contains("MaxRAM=") ? "-XX:MaxRAM=512m " + options : options;
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
