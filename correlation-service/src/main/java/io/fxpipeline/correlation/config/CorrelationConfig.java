package io.fxpipeline.correlation.config;

import io.fxpipeline.messaging.config.ConsumerConfig;
import io.fxpipeline.messaging.config.SettingRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * The settings of the correlation service beyond the common ones of {@link ConsumerConfig}. Values come from environment
 * variables (names in each Javadoc, mapped in application.properties); a bad value stops start-up naming the setting.
 */
@ConfigMapping(prefix = "fx")
public interface CorrelationConfig extends ConsumerConfig {

    /** |r| at or above which a pair raises an alert ({@code CORRELATION_THRESHOLD}). */
    @WithDefault("0.7")
    double threshold();

    /** Candles per pair in the window ({@code CORRELATION_WINDOW}). */
    @WithDefault("100")
    int window();

    /** Fewer common returns than this gives no correlation ({@code CORRELATION_MIN_RETURNS}). */
    @WithDefault("30")
    int minReturns();

    /**
     * Trading time, in bars, by which a pair's newest close may trail a run's as-of before the run leaves the pair
     * out and names it ({@code CORRELATION_STALE_BARS}); weekends do not count.
     */
    @WithDefault("2")
    int staleBars();

    /**
     * How long a midnight that some pairs' candles have crossed waits for the other pairs to cross it before its
     * daily run goes ahead without them ({@code CORRELATION_DAILY_SETTLE}); no wait once every pair has crossed.
     */
    @WithName("daily.settle")
    @WithDefault("10s")
    Duration dailySettle();

    /** Days of daily matrices built back from the newest data on start and after a backfill ({@code CORRELATION_HISTORY_DAYS}). */
    @WithDefault("365")
    int historyDays();

    /** Lifetime of the cached matrix and best pairs ({@code CACHE_TTL_CORRELATION}). */
    @WithName("cache.correlation-ttl")
    @WithDefault("86400s")
    Duration correlationTtl();

    @Override
    default void check(SettingRules rules) {
        ConsumerConfig.super.check(rules);
        rules.positiveAtMost("threshold", threshold(), 1)
                .between("window", window(), 3, 100_000)
                .between("min-returns", minReturns(), 2, 100_000)
                .between("stale-bars", staleBars(), 0, 100_000)
                .positive("daily.settle", dailySettle())
                .between("history-days", historyDays(), 1, 36_500)
                .positive("cache.correlation-ttl", correlationTtl());
    }
}
