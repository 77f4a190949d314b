package io.fxpipeline.correlation.job;

import io.fxpipeline.messaging.job.Skip;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The daily run's 00:00 UTC safety net (the run itself follows the data, MidnightFollower); DAILY_JOB_ENABLED=false
 * turns it off, POST /correlation/run still works.
 */
@ApplicationScoped
public class DailyCorrelationJob {

    private final MidnightFollower midnights;

    public DailyCorrelationJob(MidnightFollower midnights) {
        this.midnights = midnights;
    }

    /** Catches up a midnight the data crossed whose run did not happen. */
    @Scheduled(identity = "daily-correlation", cron = "0 0 0 * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Skip.DailyOff.class)
    void daily() {
        midnights.catchUpSoon();
    }
}
