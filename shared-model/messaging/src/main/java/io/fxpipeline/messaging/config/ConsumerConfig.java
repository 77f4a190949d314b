package io.fxpipeline.messaging.config;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** The common settings of a service that consumes {@code data_ready} candles with the catch-up protocol. */
public interface ConsumerConfig extends ServiceConfig {

    /**
     * How long to wait for a catch-up answer before asking again ({@code FX_CATCHUP_TIMEOUT}; the earlier name
     * {@code FX_REPLAY_TIMEOUT} still works).
     */
    @WithName("catchup-timeout")
    @WithDefault("30s")
    Duration catchupTimeout();

    @Override
    default void check(SettingRules rules) {
        ServiceConfig.super.check(rules);
        rules.positive("catchup-timeout", catchupTimeout());
    }
}
