package io.fxpipeline.messaging.job;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * The schedules' skip predicate: a schedule fires only while the process serves (a one-off command never fires
 * schedules) and its switch is on. A service names its switch by extending {@link Unless}.
 */
public final class Skip {

    private Skip() {
    }

    /** Skips unless the process serves and {@link #on()}; a {@code @Singleton} subclass says what "on" is. */
    public abstract static class Unless implements Scheduled.SkipPredicate {

        private final ServiceConfig config;

        protected Unless(ServiceConfig config) {
            this.config = config;
        }

        /** Whether this schedule is switched on. */
        protected abstract boolean on();

        @Override
        public final boolean test(ScheduledExecution execution) {
            return !config.serve() || !on();
        }
    }

    /** The daily schedules (retention purges, the correlation run): {@code DAILY_JOB_ENABLED}. */
    @Singleton
    public static class DailyOff extends Unless {

        private final ServiceConfig config;

        public DailyOff(ServiceConfig config) {
            super(config);
            this.config = config;
        }

        @Override
        protected boolean on() {
            return config.dailyEnabled();
        }
    }
}
