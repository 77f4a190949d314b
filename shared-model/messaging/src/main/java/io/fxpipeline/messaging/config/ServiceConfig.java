package io.fxpipeline.messaging.config;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings every service has; each service's {@code @ConfigMapping(prefix = "fx")} extends it and adds its own.
 * The environment variables and their defaults are mapped once, in this kit's
 * {@code META-INF/microprofile-config.properties}; a service's application.properties overrides only what differs.
 */
public interface ServiceConfig extends CheckedSettings {

    /**
     * The service's short name ({@code ingest}, {@code analytics}, {@code correlation}): its PostgreSQL schema and
     * the prefix of its meters ({@code fx.<service>.*}). Set by the service's application.properties, not by users.
     */
    String service();

    /** Prefix of channel names and cache keys ({@code FX_PREFIX}); none in production, random in tests. */
    @WithName("prefix")
    Optional<String> prefixSetting();

    /** The prefix, empty when none is set (SmallRye reads an empty value as absent, hence the Optional). */
    default String prefix() {
        return prefixSetting().orElse("");
    }

    /** Tracked pairs ({@code FX_PAIRS}, comma-separated OANDA names); the 20 of the design by default. */
    List<Pair> pairs();

    /** The candle granularity ingest stores and the consumers use ({@code FX_GRANULARITY}, the same for all three). */
    @WithDefault("H1")
    Granularity granularity();

    /** Days of data kept ({@code DATA_RETENTION_DAYS}). */
    @WithName("retention-days")
    @WithDefault("365")
    int retentionDays();

    /** Whether the daily schedules (retention purge, correlation run) run ({@code DAILY_JOB_ENABLED}). */
    @WithName("jobs.daily-enabled")
    @WithDefault("true")
    boolean dailyEnabled();

    /**
     * Whether this process serves: HTTP API, feeds, schedules and subscriptions. False when the jar runs a
     * one-off command such as {@code purge} (set by {@code CommandMode}, not by users).
     */
    @WithDefault("true")
    boolean serve();

    /** When stored alerts that did not go out are sent again (services that store alerts). */
    @WithName("alert-redelivery")
    AlertRedelivery alertRedelivery();

    /** See {@code AlertAnnouncer} and {@code SystemAlerts}. Not a user setting: tests shorten both. */
    interface AlertRedelivery {

        /** How often the alerts not yet announced are looked for. */
        @WithDefault("15s")
        Duration every();

        /**
         * How old an alert must be before it is sent again: longer than its own announcement may take after the commit
         * (three Redis calls of at most 5 s each), so the two do not both send it.
         */
        @WithDefault("60s")
        Duration after();
    }

    @Override
    default void check(SettingRules rules) {
        rules.matches("service", service(), Pattern.compile("[a-z_]+"), "must be a plain lower-case identifier")
                .notEmpty("pairs", pairs())
                .between("retention-days", retentionDays(), 1, 36_500);
    }

    /** The prefix of the service's meters, e.g. {@code fx.ingest}. */
    default String meterPrefix() {
        return "fx." + service();
    }
}
