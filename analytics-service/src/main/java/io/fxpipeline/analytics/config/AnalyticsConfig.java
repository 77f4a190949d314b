package io.fxpipeline.analytics.config;

import io.fxpipeline.messaging.config.ConsumerConfig;
import io.fxpipeline.messaging.config.SettingRules;
import io.fxpipeline.model.Pair;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of the analytics service beyond the common ones of {@link ConsumerConfig}. Values come from environment
 * variables (names in each Javadoc, mapped in application.properties); a bad value stops start-up naming the setting.
 */
@ConfigMapping(prefix = "fx")
public interface AnalyticsConfig extends ConsumerConfig {

    /** Trading hours per year used to annualise volatility ({@code FX_ANNUALISATION_HOURS}). */
    @WithDefault("6240")
    double annualisationHours();

    /** Bars per year of the configured granularity: the annualisation factor A of docs/indicators.md, scaled by bar length. */
    default double periodsPerYear() {
        return annualisationHours() * 3600.0 / granularity().length().getSeconds();
    }

    Alerts alerts();

    /** Lifetime of the {@code metrics:{PAIR}} hash ({@code CACHE_TTL_METRICS}). */
    @WithName("cache.metrics-ttl")
    @WithDefault("3600s")
    Duration metricsTtl();

    @Override
    default void check(SettingRules rules) {
        ConsumerConfig.super.check(rules);
        rules.positiveAtMost("annualisation-hours", annualisationHours(), 1e9)
                .positive("cache.metrics-ttl", metricsTtl());
        rules.group("alerts").positiveAtMost("threshold", alerts().threshold(), 100)
                .positiveByKey("pair-thresholds", alerts().pairThresholds(), Pattern.compile("[A-Z]{3}_[A-Z]{3}"),
                        "must be a pair such as GBP_JPY")
                .eachMatches("pair-threshold-list", alerts().pairThresholdList().orElse(List.of()),
                        Pattern.compile("\\s*[A-Z]{3}_[A-Z]{3}\\s*=\\s*\\d+(\\.\\d+)?\\s*"),
                        "must be PAIR=threshold, e.g. GBP_JPY=0.25");
    }

    /** Volatility alert thresholds on annualised HV20. */
    interface Alerts {

        /** Global threshold ({@code VOLATILITY_THRESHOLD}), e.g. 0.15 = 15 % a year. */
        @WithDefault("0.15")
        double threshold();

        /** Per-pair overrides as config keys ({@code fx.alerts.pair-thresholds.GBP_JPY=0.25}). */
        Map<String, Double> pairThresholds();

        /**
         * Per-pair overrides from the environment ({@code VOLATILITY_PAIR_THRESHOLDS=GBP_JPY=0.25,EUR_USD=0.12});
         * checked at start-up, so every entry here is a pair and a threshold.
         */
        @WithName("pair-threshold-list")
        Optional<List<String>> pairThresholdList();

        /** The threshold of a pair: its override (environment first, then config keys), else the global one. */
        default double thresholdFor(io.fxpipeline.model.Pair pair) {
            for (String entry : pairThresholdList().orElse(List.of())) {
                int eq = entry.indexOf('=');
                if (eq > 0 && entry.substring(0, eq).trim().equals(pair.name())) {
                    return Double.parseDouble(entry.substring(eq + 1).trim());
                }
            }
            return pairThresholds().getOrDefault(pair.name(), threshold());
        }
    }
}
