package io.fxpipeline.correlation.config;

import io.fxpipeline.messaging.config.ConsumerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import java.time.Duration;

/**
 * The settings of the correlation service beyond the common ones of {@link ConsumerConfig}. Values come from environment
 * variables (names in each Javadoc, mapped in application.properties); a bad value stops start-up naming the setting.
 */
@ConfigMapping(prefix = "fx")
public interface CorrelationConfig extends ConsumerConfig {

    /** |r| at or above which a pair raises an alert ({@code CORRELATION_THRESHOLD}). */
    @WithDefault("0.7")
    @Positive
    @Max(1)
    double threshold();

    /** Candles per pair in the window ({@code CORRELATION_WINDOW}). */
    @WithDefault("100")
    @Min(3)
    int window();

    /** Fewer common returns than this gives no correlation ({@code CORRELATION_MIN_RETURNS}). */
    @WithDefault("30")
    @Min(2)
    int minReturns();

    /** Lifetime of the cached matrix and best pairs ({@code CACHE_TTL_CORRELATION}). */
    @WithName("cache.correlation-ttl")
    @WithDefault("86400s")
    Duration correlationTtl();
}
