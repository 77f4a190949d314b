package io.fxpipeline.messaging.config;

import io.fxpipeline.messaging.PositionStore;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.JobSignals;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.codec.MessageCodec;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The kit's shared objects as beans, made once from the service's configuration. */
public class KitProducers {

    /** Channel names and cache keys under the configured prefix. */
    @Produces
    @Singleton
    Channels channels(ServiceConfig config) {
        return new Channels(config.prefix());
    }

    /** The wire contract's codec (thread-safe, one per service). */
    @Produces
    @Singleton
    MessageCodec codec() {
        return new MessageCodec();
    }

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
