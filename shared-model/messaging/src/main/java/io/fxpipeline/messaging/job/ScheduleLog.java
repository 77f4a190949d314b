package io.fxpipeline.messaging.job;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;

/**
 * At start-up, one log line per scheduled job with its next fire time, so whoever starts a service sees what will
 * run and when (a job switched off by its *_JOB_ENABLED flag still fires, and skips). Silent for commands.
 */
@ApplicationScoped
public class ScheduleLog {

    /** After the scheduler has started its triggers (it starts on the same event). */
    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 100) StartupEvent event,
            Instance<Scheduler> scheduler) {
        if (!scheduler.isResolvable() || !scheduler.get().isRunning()) {
            return;
        }
        scheduler.get().getScheduledJobs().stream()
                .sorted(Comparator.comparing(Trigger::getId))
                .forEach(t -> Log.infof("job %s: next run %s", t.getId(),
                        t.getNextFireTime() == null ? "none" : t.getNextFireTime()));
    }
}
