package io.fxpipeline.messaging;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.RetentionPurge;
import io.fxpipeline.messaging.job.Skip;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;

import java.time.Instant;

/** The smallest service on the kit, for the kit's own tests: the common configuration and a retention with nothing of its own. */
final class KitApp {

    /** The test application's schema (fx.service in src/test/resources/application.properties). */
    static final String SCHEMA = "kit";

    private KitApp() {
    }

    /** A service mapping that adds nothing to the common block. */
    @ConfigMapping(prefix = "fx")
    interface Config extends ServiceConfig {
    }

    /**
     * The kit's retention skeleton with no service tables: it purges job runs only. Scheduled like the services'
     * (so start-up logs its next run); DAILY_JOB_ENABLED is off in the kit's tests, so it never fires there.
     */
    @Singleton
    static class Retention extends RetentionPurge {

        Retention(Pool pool, JobRuns runs, Config config) {
            super(pool, runs, config);
        }

        @Scheduled(identity = "retention", cron = "0 30 0 * * ?", timeZone = "UTC",
                concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Skip.DailyOff.class)
        Uni<Void> daily() {
            return scheduled();
        }

        @Override
        protected Uni<Integer> purge(SqlClient tx, Instant now, Instant cutoff) {
            return Uni.createFrom().item(0);
        }
    }
}
