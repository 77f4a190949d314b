package io.fxpipeline.ingest.command;

import io.fxpipeline.ingest.job.HourlyCandleJob;
import io.fxpipeline.messaging.job.JobRuns;
import picocli.CommandLine.Command;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code hourly}: one run of the hourly candle job now (the last two periods of every pair). */
@Command(name = "hourly", mixinStandardHelpOptions = true,
        description = "Run the hourly candle job once now, as the :00:05 UTC schedule would.")
public class HourlyCommand implements Callable<Integer> {

    private final HourlyCandleJob job;

    public HourlyCommand(HourlyCandleJob job) {
        this.job = job;
    }

    @Override
    public Integer call() {
        JobRuns.Outcome outcome = job.run().await().atMost(Duration.ofMinutes(30));
        System.out.printf("hourly %s: %d candles stored%s%n", outcome.status(), outcome.records(),
                outcome.error() == null ? "" : " - " + outcome.error());
        return outcome.status() == JobRuns.Status.SUCCEEDED ? 0 : outcome.status() == JobRuns.Status.SKIPPED ? 3 : 1;
    }
}
