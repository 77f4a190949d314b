package io.fxpipeline.messaging.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule's problem names the property as the configuration does, and a value within bounds gives none. */
class SettingRulesTest {

    @Test
    void boundsNameTheBoundAndTheProperty() {
        SettingRules rules = new SettingRules("fx");
        rules.between("window", 2, 3, 100_000).between("min-returns", 100_001, 2, 100_000)
                .between("stale-bars", 0, 0, 10).atLeast("rate", 0, 1);
        assertThat(rules.problems()).containsExactly(
                "fx.window must be greater than or equal to 3",
                "fx.min-returns must be less than or equal to 100000",
                "fx.rate must be greater than or equal to 1");
    }

    @Test
    void doublesMustBePositiveAndNotNaN() {
        SettingRules rules = new SettingRules("fx");
        rules.positiveAtMost("threshold", 0, 1).positiveAtMost("annualisation-hours", 2e9, 1e9)
                .positiveAtMost("alerts.threshold", 100.5, 100).positive("speed", Double.NaN)
                .positiveAtMost("ok", 0.7, 1);
        assertThat(rules.problems()).containsExactly(
                "fx.threshold must be greater than 0",
                "fx.annualisation-hours must be less than or equal to 1000000000",
                "fx.alerts.threshold must be less than or equal to 100",
                "fx.speed must be greater than 0");
    }

    @Test
    void durationsMustBePositive() {
        SettingRules rules = new SettingRules("fx");
        rules.positive("settle", Duration.ZERO).positive("ttl", Duration.ofSeconds(-5)).positive("ok", Duration.ofNanos(1));
        assertThat(rules.problems()).containsExactly("fx.settle must be a positive duration", "fx.ttl must be a positive duration");
    }

    @Test
    void groupsListsAndMapsNameTheItem() {
        SettingRules rules = new SettingRules("fx");
        Pattern pair = Pattern.compile("[A-Z]{3}_[A-Z]{3}");
        rules.group("alerts")
                .eachMatches("pair-threshold-list", List.of("GBP_JPY", "GBPJPY"), pair, "must be a pair")
                .positiveByKey("pair-thresholds", Map.of("EURUSD", 0.2), pair, "must be a pair such as GBP_JPY")
                .positiveByKey("pair-thresholds", Map.of("EUR_USD", -1.0), pair, "must be a pair such as GBP_JPY");
        rules.group("replay-answers").notEmpty("requesters", List.of()).notEmpty("others", List.of("x"));
        assertThat(rules.problems()).containsExactly(
                "fx.alerts.pair-threshold-list[1] must be a pair",
                "fx.alerts.pair-thresholds.EURUSD must be a pair such as GBP_JPY",
                "fx.alerts.pair-thresholds.EUR_USD must be greater than 0",
                "fx.replay-answers.requesters must not be empty");
    }
}
