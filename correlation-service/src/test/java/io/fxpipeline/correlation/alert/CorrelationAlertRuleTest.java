package io.fxpipeline.correlation.alert;

import org.junit.jupiter.api.Test;

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
}
