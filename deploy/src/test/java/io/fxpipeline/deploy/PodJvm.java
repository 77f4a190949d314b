package io.fxpipeline.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options a service's container runs with, for benchmarks that start the jar outside a container: the
 * {@code JDK_JAVA_OPTIONS} of its Dockerfile.jvm plus {@code -XX:MaxRAM} set to the memory limit of its Kubernetes
 * Deployment, so heap and every other pool are sized from the pod's limit exactly as inside the container (not from
 * the machine's RAM).
 */
final class PodJvm {

    private static final Pattern OPTIONS = Pattern.compile("ENV JDK_JAVA_OPTIONS=\"([^\"]+)\"");

    private PodJvm() {
    }

    static String options(String service) throws IOException, InterruptedException {
        String dockerfile = Files.readString(Repo.root().resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
        Matcher m = OPTIONS.matcher(dockerfile);
        if (!m.find()) {
            throw new IllegalStateException(service + "'s Dockerfile.jvm sets no JDK_JAVA_OPTIONS");
        }
        return m.group(1) + " -XX:MaxRAM=" + (ImagesTest.memoryLimitBytes(service) >> 20) + "m";
    }
}
