package io.fxpipeline.messaging.config;

import io.fxpipeline.messaging.PositionStore;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.JobSignals;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The kit's objects over the service's own schema, for the services that own one (not the dashboard, which has no
 * database and leaves this class out with quarkus.arc.exclude-types).
 */
public class StoreProducers {

    /** The service schema's job_runs and advisory locks. */
    @Produces
    @Singleton
    JobRuns jobRuns(Pool pool, ServiceConfig config, JobSignals signals) {
        return new JobRuns(pool, config.service(), signals);
    }

    /** The service schema's consumer_positions (consumers only use it). */
    @Produces
    @Singleton
    PositionStore positions(Pool pool, ServiceConfig config) {
        return new PositionStore(pool, config.service());
    }
}
