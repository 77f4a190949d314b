package io.fxpipeline.correlation.command;

import io.fxpipeline.correlation.job.RetentionJob;
import io.fxpipeline.messaging.job.JobRuns;
import picocli.CommandLine.Command;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code purge}: one retention purge now (closes and results older than DATA_RETENTION_DAYS). */
@Command(name = "purge", mixinStandardHelpOptions = true, description = "Run the daily retention purge once now.")
public class PurgeCommand implements Callable<Integer> {

    private final RetentionJob job;

    public PurgeCommand(RetentionJob job) {
        this.job = job;
    }

    @Override
    public Integer call() {
        JobRuns.Outcome outcome = job.run(Instant.now()).await().atMost(Duration.ofMinutes(30));
        System.out.printf("purge %s: %d rows deleted%n", outcome.status(), outcome.records());
        return outcome.status() == JobRuns.Status.SUCCEEDED ? 0 : 1;
    }
}
