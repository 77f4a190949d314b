package io.fxpipeline.messaging.command;

import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.RetentionPurge;
import picocli.CommandLine.Command;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code purge}: the service's retention purge once now; exit status 0 when it succeeded. */
@Command(name = "purge", mixinStandardHelpOptions = true, description = "Run the daily retention purge once now.")
public class PurgeCommand implements Callable<Integer> {

    private final RetentionPurge job;

    public PurgeCommand(RetentionPurge job) {
        this.job = job;
    }

    @Override
    public Integer call() {
        JobRuns.Outcome outcome = job.run(Instant.now()).await().atMost(Duration.ofMinutes(30));
        System.out.printf("purge %s: %d rows deleted%n", outcome.status(), outcome.records());
        return outcome.status() == JobRuns.Status.SUCCEEDED ? 0 : 1;
    }
}
