package io.fxpipeline.deploy;

import java.io.IOException;

/**
 * The JVM options a service's container runs with, for benchmarks that start the jar outside a container: the
 * {@code JDK_JAVA_OPTIONS} of its Dockerfile.jvm (with the build's class-data archive, {@link ImageJvm}) plus
 * {@code -XX:MaxRAM} set to the memory limit of its Kubernetes Deployment, so heap and every other pool are sized from
 * the pod's limit exactly as inside the container (not from the machine's RAM).
 */
final class PodJvm {

    private PodJvm() {
    }

    static String options(String service) throws IOException, InterruptedException {
        return ImageJvm.BUILD_ARCHIVE + " " + ImageJvm.imageOptions(service) + " -XX:MaxRAM="
                + (ImagesTest.memoryLimitBytes(service) >> 20) + "m";
    }
}
