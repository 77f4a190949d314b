package io.fxpipeline.dashboard.config;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.codec.MessageCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The shared contract's channel names and codec as beans (kept apart so the kit's producers can replace it). */
public class KitProducers {

    @Produces
    @Singleton
    Channels channels(DashboardConfig config) {
        return new Channels(config.prefix());
    }

    @Produces
    @Singleton
    MessageCodec codec() {
        return new MessageCodec();
    }
}
