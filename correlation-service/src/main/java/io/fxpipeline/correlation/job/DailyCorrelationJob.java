package io.fxpipeline.correlation.job;

import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.service.CorrelationRun;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

/** The daily run at 00:00 UTC (the advisory lock inside the run keeps it to one replica). */
@ApplicationScoped
public class DailyCorrelationJob {

    private final CorrelationRun run;

    public DailyCorrelationJob(CorrelationRun run) {
        this.run = run;
    }

    @Scheduled(identity = "daily-correlation", cron = "0 0 0 * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> daily() {
        return run.run()
                .invoke(summary -> Log.infof("daily correlation run %d: %s, %d entries with a value, %d best pairs, %d alerts",
                        summary.runId(), summary.status(), summary.withValue(), summary.bestPairs(), summary.alerts()))
                .replaceWithVoid();
    }

    /** DAILY_JOB_ENABLED=false turns the daily schedules off; POST /correlation/run still works. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {

        private final CorrelationConfig config;

        public Disabled(CorrelationConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.dailyEnabled() || !config.serve();
        }
    }
}
