package io.fxpipeline.messaging.config;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.codec.MessageCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The wire contract's objects as beans, made once from the service's configuration (every service, dashboard too). */
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
}
