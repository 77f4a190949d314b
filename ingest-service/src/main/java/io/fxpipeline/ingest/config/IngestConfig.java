package io.fxpipeline.ingest.config;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.fxpipeline.messaging.config.SettingRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of the ingest service beyond the common ones of {@link ServiceConfig}. Values come from environment
 * variables (names in each Javadoc, mapped in application.properties); a bad value stops start-up naming the setting.
 */
@ConfigMapping(prefix = "fx")
public interface IngestConfig extends ServiceConfig {

    /** Where candles come from ({@code FX_FEED}: {@code replay} or {@code oanda}). */
    @WithDefault("replay")
    FeedKind feed();

    /** Candles asked of the feed per request while paging ({@code FX_PAGE_SIZE}, OANDA's cap is 5000). */
    @WithName("page-size")
    @WithDefault("5000")
    int pageSize();

    /** Pairs fetched at once by the hourly job and the backfill ({@code FX_FETCH_CONCURRENCY}). */
    @WithName("fetch-concurrency")
    @WithDefault("4")
    int fetchConcurrency();

    Oanda oanda();

    Replay replay();

    Cache cache();

    Jobs jobs();

    @Override
    default void check(SettingRules rules) {
        ServiceConfig.super.check(rules);
        rules.between("page-size", pageSize(), 1, 5000)
                .between("fetch-concurrency", fetchConcurrency(), 1, 64);
        rules.group("oanda").positive("read-timeout", oanda().readTimeout());
        rules.group("replay").positive("speed", replay().speed());
        rules.group("cache").positive("price-ttl", cache().priceTtl());
        rules.group("jobs").positive("price-poll-interval", jobs().pricePollInterval());
    }

    /** The candle sources. */
    enum FeedKind {
        replay, oanda
    }

    /** OANDA v20 access. The token is read from the environment only and never logged. */
    interface Oanda {

        /** Personal access token ({@code OANDA_API_KEY}); required when the feed is {@code oanda}. */
        Optional<String> apiKey();

        /** {@code practice} or {@code live} ({@code OANDA_ENVIRONMENT}). */
        @WithDefault("practice")
        OandaEnvironment environment();

        /** Overrides the host chosen by the environment ({@code OANDA_BASE_URL}), e.g. a local stub. */
        Optional<URI> baseUrl();

        /** Account for the pricing endpoint ({@code OANDA_ACCOUNT_ID}). */
        Optional<String> accountId();

        /**
         * How long a request may wait for OANDA's answer before it is abandoned and retried
         * ({@code OANDA_READ_TIMEOUT}, seconds or ISO-8601); shorter than the per-attempt fault-tolerance timeout.
         */
        @WithDefault("15s")
        Duration readTimeout();
    }

    /** The replay feed: recorded candles played on a virtual clock. */
    interface Replay {

        /** Folder of {@code <PAIR>.csv} files ({@code FX_REPLAY_DIR}); without it the replay feed stays idle. */
        Optional<java.nio.file.Path> dir();

        /** Market seconds per wall second ({@code FX_REPLAY_SPEED}); 3600 = one market hour a second. */
        @WithDefault("3600")
        double speed();

        /** Market time the clock starts at ({@code FX_REPLAY_START}); the earliest recorded candle by default. */
        Optional<java.time.Instant> start();
    }

    /** OANDA's two hosts. */
    enum OandaEnvironment {
        practice, live
    }

    /** Redis cache lifetimes. */
    interface Cache {

        /** Lifetime of {@code price:{PAIR}} ({@code CACHE_TTL_PRICES}, or the older {@code CACHE_TTL_PRICE}; seconds or ISO-8601). */
        @WithDefault("300s")
        Duration priceTtl();
    }

    /** Schedules. */
    interface Jobs {

        /** Whether the hourly candle job runs ({@code HOURLY_JOB_ENABLED}). */
        @WithDefault("true")
        boolean hourlyEnabled();

        /** How often prices are polled ({@code PRICE_POLL_INTERVAL}). */
        @WithDefault("60s")
        Duration pricePollInterval();
    }
}
