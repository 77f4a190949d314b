package io.fxpipeline.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The podman command line that runs the images built by deploy/images/build.sh on this kind of machine: buildah's
 * vfs storage, cgroupfs and a file event log (no systemd), and the runtime wrapper that drops rlimits
 * (deploy/images/runc-no-rlimits says why).
 */
final class Podman {

    record Result(int exitCode, String output) {
    }

    private Podman() {
    }

    /** Whether {@code tool --version} runs: the image checks need buildah and podman. */
    static boolean installed(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman", "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs",
                "--events-backend", "file", "--runtime", Repo.root().resolve("deploy/images/runc-no-rlimits").toString()));
        command.addAll(List.of(args));
        return exec(command, 5);
    }

    static Result exec(List<String> command, int minutes) throws IOException, InterruptedException {
        return exec(command, Map.of(), minutes);
    }

    /** Runs {@code command} with {@code env} added to this process's environment. */
    static Result exec(List<String> command, Map<String, String> env, int minutes) throws IOException, InterruptedException {
        Path out = Files.createTempFile("podman", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + minutes + " minutes");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs a podman command that must succeed; answers its output. */
    static String ok(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("podman " + String.join(" ", args) + " exited with " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.output();
    }
}
