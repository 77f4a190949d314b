package io.fxpipeline.correlation.config;

import io.fxpipeline.model.Pair;
import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.util.Optional;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;

/**
 * Every setting of the correlation service. Values come from environment variables (names in each Javadoc,
 * mapped in application.properties); a bad value stops start-up naming the setting.
 */
@ConfigMapping(prefix = "fx")
public interface CorrelationConfig {

    /** Prefix of channel names and cache keys ({@code FX_PREFIX}); none in production, random in tests. */
    @WithName("prefix")
    Optional<String> prefixSetting();

    /** The prefix, empty when none is set (SmallRye reads an empty value as absent, hence the Optional). */
    default String prefix() {
        return prefixSetting().orElse("");
    }

    /** Tracked pairs ({@code FX_PAIRS}). */
    @NotEmpty
    List<Pair> pairs();

    /** The candle granularity ingest stores and this service consumes ({@code FX_GRANULARITY}, the same for all three). */
    @WithDefault("H1")
    io.fxpipeline.model.Granularity granularity();

    /** Days of closes and results kept ({@code DATA_RETENTION_DAYS}). */
    @WithName("retention-days")
    @WithDefault("365")
    @Min(1)
    int retentionDays();

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

    /** Whether the daily run at 00:00 UTC is scheduled ({@code DAILY_JOB_ENABLED}). */
    @WithName("jobs.daily-enabled")
    @WithDefault("true")
    boolean dailyEnabled();

    /**
     * Whether this process serves: HTTP API, subscription and schedules. False when the jar runs a one-off
     * command such as {@code run} (set by the command launcher, not by users).
     */
    @WithDefault("true")
    boolean serve();

    /** Lifetime of the cached matrix and best pairs ({@code CACHE_TTL_CORRELATION}). */
    @WithName("cache.correlation-ttl")
    @WithDefault("86400s")
    Duration correlationTtl();

    /** How long to wait for a replay before asking again ({@code FX_REPLAY_TIMEOUT}). */
    @WithDefault("30s")
    Duration replayTimeout();
}
