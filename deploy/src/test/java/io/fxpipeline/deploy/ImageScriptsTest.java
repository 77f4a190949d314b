package io.fxpipeline.deploy;

import io.fxpipeline.testing.RealServers;
import io.fxpipeline.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What deploy/images/base.sh and build.sh refuse, and why they say so: a JDK that cannot make the images' runtime, a
 * password that would stay in an image's history, and a training run that cannot start (the build fails with the
 * service's own log, and no image is tagged).
 */
class ImageScriptsTest {

    static final String BUILD = Repo.root().resolve("deploy/images/build.sh").toString();
    static final String BASE = Repo.root().resolve("deploy/images/base.sh").toString();

    @Test
    void baseRefusesAJdkOtherThan25() throws Exception {
        // the JDK running this test is the build's (17), not the images' runtime
        Podman.Result found = Podman.exec(List.of(BASE, "--find-jdk"), Map.of("BASE_JDK", System.getProperty("java.home")), 1);
        assertThat(found.exitCode()).isEqualTo(1);
        assertThat(found.output()).contains("BASE_JDK=" + System.getProperty("java.home") + " is not a JDK 25 with jlink");
    }

    @Test
    void trainingRefusesADatabasePassword() throws Exception {
        Podman.Result built = Podman.exec(List.of(BUILD, "--tag", "refused", "--train", "analytics-service"),
                Map.of("DB_PASSWORD", "not-for-image-history"), 1);
        assertThat(built.exitCode()).isEqualTo(2);
        assertThat(built.output()).contains("--train passes no password (it would stay in the image's history)")
                .doesNotContain("not-for-image-history");
    }

    @Test
    void unknownOptionsAndServicesAreRefused() throws Exception {
        Podman.Result option = Podman.exec(List.of(BUILD, "--trian"), Map.of(), 1);
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.output()).contains("unknown option: --trian");
        Podman.Result service = Podman.exec(List.of(BUILD, "billing-service"), Map.of(), 1);
        assertThat(service.exitCode()).isEqualTo(2);
        assertThat(service.output()).contains("unknown service: billing-service");
    }

    @Test
    void aTrainingRunThatCannotStartFailsTheBuildWithTheServicesLog() throws Exception {
        assumeTrue(Podman.installed("buildah"), "buildah is not installed (Debian: apt-get install buildah); .ci/run installs it");
        Podman.Result jdk = Podman.exec(List.of(BASE, "--find-jdk"), 1);
        assumeTrue(jdk.exitCode() == 0, jdk.output());
        ServiceProcess.jar("analytics-service");
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free again once closed: nothing answers there
        }
        String tag = "untrained-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase training = TestDatabase.create("badtraining")) {
            Podman.Result built = Podman.exec(List.of(BUILD, "--tag", tag, "--train", "analytics-service"), Map.of(
                    "DB_HOST", training.server().address().host(), "DB_PORT", String.valueOf(training.server().address().port()),
                    "DB_USER", training.server().user(), "TRAINING_DB_NAME", training.name(),
                    "REDIS_HOST", RealServers.redis().host(), "REDIS_PORT", String.valueOf(closed)), 5);
            assertThat(built.exitCode()).isNotZero();
            assertThat(built.output()).contains("training run failed (it stopped, or was not ready within 120 s); its log:",
                    "Connection refused");
        }
        assertThat(Podman.exec(List.of("buildah", "--storage-driver", "vfs", "images", "--format", "{{.Name}}:{{.Tag}}"), 1)
                .output()).doesNotContain(tag);
    }
}
