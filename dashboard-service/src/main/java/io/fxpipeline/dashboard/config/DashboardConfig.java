package io.fxpipeline.dashboard.config;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.fxpipeline.messaging.config.SettingRules;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting of the dashboard service. Values come from environment variables (names in each Javadoc, mapped
 * in application.properties); a bad value stops start-up naming the setting.
 */
@ConfigMapping(prefix = "fx")
public interface DashboardConfig extends ServiceConfig {

    Stream stream();

    Page page();

    @Override
    default void check(SettingRules rules) {
        ServiceConfig.super.check(rules);
        Stream stream = stream();
        SettingRules streamRules = rules.group("stream");
        stream.token().ifPresent(token -> streamRules.matches("token", token, Pattern.compile("\\S{16,}"),
                "must be at least 16 characters without spaces"));
        streamRules.atLeast("max-clients", stream.maxClients(), 1)
                .between("client-queue", stream.clientQueue(), 1, 100_000)
                .positive("slow-client-timeout", stream.slowClientTimeout())
                .atLeast("max-ops-per-second", stream.maxOpsPerSecond(), 1)
                .between("recent-alerts", stream.recentAlerts(), 0, 1000);
        Page page = page();
        rules.group("page")
                .between("history-hours", page.historyHours(), 1, 5000)
                .positive("volatility-threshold", page.volatilityThreshold())
                .matches("feed", page.feed(), Pattern.compile("replay|oanda"), "must be replay or oanda")
                .matches("oanda-environment", page.oandaEnvironment(), Pattern.compile("practice|live"),
                        "must be practice or live");
    }

    /** The WebSocket stream {@code /stream}. */
    interface Stream {

        /** Token a client must present ({@code DASHBOARD_TOKEN}); none: the stream and page are open. */
        Optional<String> token();

        /** Connections served at once ({@code DASHBOARD_MAX_CLIENTS}); one more is refused with a close reason. */
        @WithDefault("2000")
        int maxClients();

        /** Messages waiting per client ({@code DASHBOARD_CLIENT_QUEUE}); past it the oldest are dropped. */
        @WithDefault("512")
        int clientQueue();

        /** How long a client may keep its queue overflowing before it is closed ({@code DASHBOARD_SLOW_CLIENT_TIMEOUT}). */
        @WithDefault("10s")
        Duration slowClientTimeout();

        /** Ops a client may send a second ({@code DASHBOARD_MAX_OPS_PER_SECOND}); twice as many closes it. */
        @WithDefault("20")
        int maxOpsPerSecond();

        /**
         * Newest alerts of the {@code alerts} stream sent on subscribing to an alert channel, before the live ones
         * ({@code DASHBOARD_RECENT_ALERTS}); 0: none.
         */
        @WithDefault("50")
        int recentAlerts();
    }

    /** What the browser page is told about the REST APIs it reads history from. */
    interface Page {

        /** Base URL of the ingest API as the browser reaches it ({@code DASHBOARD_INGEST_URL}). */
        @WithDefault("http://localhost:8081")
        String ingestUrl();

        /** Base URL of the analytics API as the browser reaches it ({@code DASHBOARD_ANALYTICS_URL}). */
        @WithDefault("http://localhost:8082")
        String analyticsUrl();

        /**
         * Base URL of the correlation API as the browser reaches it ({@code DASHBOARD_CORRELATION_URL}): the page
         * reads the matrix and ranking there when the cache holds none (it expires over a weekend).
         */
        @WithDefault("http://localhost:8083")
        String correlationUrl();

        /** Hours of history the pair chart shows ({@code DASHBOARD_HISTORY_HOURS}). */
        @WithDefault("72")
        int historyHours();

        /**
         * HV20 alert threshold the pair table colours by until an alert names the pair's own ({@code
         * VOLATILITY_THRESHOLD}, the variable analytics alerts on): WARNING from 0.9 of it, CRITICAL from it.
         */
        @WithDefault("0.15")
        double volatilityThreshold();

        /**
         * Where ingest's candles come from ({@code FX_FEED}, the variable ingest reads): the page's header says so, so
         * replayed history (the shipped SYNTHETIC set, or a recording) is never taken for market prices.
         */
        @WithDefault("replay")
        String feed();

        /** OANDA's environment ({@code OANDA_ENVIRONMENT}, as ingest reads it) when the feed is OANDA. */
        @WithDefault("practice")
        String oandaEnvironment();

        /** The feed as the page names it: {@code replay}, {@code oanda-practice} or {@code oanda-live}. */
        default String feedName() {
            return "oanda".equals(feed()) ? "oanda-" + oandaEnvironment() : "replay";
        }
    }
}
