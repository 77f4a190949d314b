package io.fxpipeline.messaging.guard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The HTTP guard's settings, the same keys in every service ({@link HttpGuard}). */
@ConfigMapping(prefix = "fx.guard")
public interface GuardConfig {

    /** {@code FX_ADMIN_TOKEN}: the bearer token write endpoints require; empty refuses them. */
    Optional<String> adminToken();

    /** {@code FX_ADMIN_OPEN}: writes without a token, for local runs only. */
    @WithDefault("false")
    boolean adminOpen();

    /** {@code FX_RATE_LIMIT}: requests one client may make per {@link #rateLimitPeriod()}; below 1 fails start-up. */
    @WithDefault("1200")
    long rateLimit();

    /** {@code FX_RATE_LIMIT_PERIOD}. */
    @WithDefault("60s")
    Duration rateLimitPeriod();
}
