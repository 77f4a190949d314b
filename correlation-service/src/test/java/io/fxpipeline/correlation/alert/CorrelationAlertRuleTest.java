package io.fxpipeline.correlation.alert;

import io.fxpipeline.correlation.PairCorrelation;
import io.fxpipeline.model.Pair;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorrelationAlertRuleTest {

    private final CorrelationAlertRule rule = new CorrelationAlertRule(0.7);

    @Test
    void alertsOnEnteringNotWhileStaying() {
        assertThat(rule.shouldAlert(null, 0.72)).isTrue();
        assertThat(rule.shouldAlert(0.5, 0.7)).isTrue();
        assertThat(rule.shouldAlert(0.72, 0.75)).isFalse();
        assertThat(rule.shouldAlert(-0.8, -0.71)).isFalse();
    }

    @Test
    void alertsWhenTheSignFlipsWhileAlerting() {
        assertThat(rule.shouldAlert(0.8, -0.75)).isTrue();
    }

    @Test
    void leavingReArms() {
        assertThat(rule.shouldAlert(0.8, 0.6)).isFalse();
        assertThat(rule.shouldAlert(0.6, 0.71)).isTrue();
        assertThat(rule.shouldAlert(null, 0.69)).isFalse();
    }

    @Test
    void badThresholdsAreRefused() {
        assertThatThrownBy(() -> new CorrelationAlertRule(0)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new CorrelationAlertRule(1.2)).hasMessageContaining("threshold");
    }

    @Test
    void aRunsVerdictsAnnounceEnteringAndFlippingPairsAndKeepEveryValuedPairsState() {
        Pair eurUsd = Pair.of("EUR_USD");
        Pair gbpUsd = Pair.of("GBP_USD");
        Pair usdJpy = Pair.of("USD_JPY");
        Pair audUsd = Pair.of("AUD_USD");
        List<PairCorrelation> entries = List.of(
                new PairCorrelation(eurUsd, gbpUsd, 0.85, 100),   // enters: no earlier run
                new PairCorrelation(eurUsd, usdJpy, -0.75, 100),  // stays alerting, sign flipped: announced again
                new PairCorrelation(gbpUsd, usdJpy, 0.80, 100),   // stays alerting with the same sign: silent
                new PairCorrelation(audUsd, eurUsd, 0.30, 100),   // below the threshold: silent, state kept
                new PairCorrelation(audUsd, gbpUsd, null, 4));    // no value: no verdict, its state stays as it was
        Map<List<Pair>, Double> previous = Map.of(List.of(eurUsd, usdJpy), 0.72, List.of(gbpUsd, usdJpy), 0.9);

        List<CorrelationAlertRule.Verdict> verdicts = rule.judge(entries, (a, b) -> previous.get(List.of(a, b)));

        assertThat(verdicts).containsExactly(
                new CorrelationAlertRule.Verdict(eurUsd, gbpUsd, 0.85, true, true),
                new CorrelationAlertRule.Verdict(eurUsd, usdJpy, -0.75, true, true),
                new CorrelationAlertRule.Verdict(gbpUsd, usdJpy, 0.80, false, true),
                new CorrelationAlertRule.Verdict(audUsd, eurUsd, 0.30, false, false));
    }
}
