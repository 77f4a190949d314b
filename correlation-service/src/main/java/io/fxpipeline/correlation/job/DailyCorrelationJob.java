package io.fxpipeline.correlation.job;

import io.fxpipeline.correlation.service.CorrelationRun;
import io.fxpipeline.messaging.job.Skip;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The daily run at 00:00 UTC (the advisory lock inside the run keeps it to one replica); DAILY_JOB_ENABLED=false
 * turns it off, POST /correlation/run still works.
 */
@ApplicationScoped
public class DailyCorrelationJob {

    private final CorrelationRun run;

    public DailyCorrelationJob(CorrelationRun run) {
        this.run = run;
    }

    @Scheduled(identity = "daily-correlation", cron = "0 0 0 * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Skip.DailyOff.class)
    Uni<Void> daily() {
        return run.run()
                .invoke(summary -> Log.infof("daily correlation run %d: %s, %d entries with a value, %d best pairs, %d alerts",
                        summary.runId(), summary.status(), summary.withValue(), summary.bestPairs(), summary.alerts()))
                .replaceWithVoid();
    }
}
