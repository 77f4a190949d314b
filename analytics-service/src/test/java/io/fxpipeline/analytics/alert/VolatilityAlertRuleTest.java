package io.fxpipeline.analytics.alert;

import io.fxpipeline.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VolatilityAlertRuleTest {

    private static final double THRESHOLD = 0.15;

    @Test
    void severityBands() {
        assertThat(VolatilityAlertRule.severity(0.15, THRESHOLD)).contains(Severity.CRITICAL);
        assertThat(VolatilityAlertRule.severity(0.149, THRESHOLD)).contains(Severity.WARNING);
        assertThat(VolatilityAlertRule.severity(0.9 * THRESHOLD, THRESHOLD)).contains(Severity.WARNING);
        assertThat(VolatilityAlertRule.severity(0.1349, THRESHOLD)).isEmpty();
    }

    @Test
    void aSequenceOfHoursAlertsOnEnteringAndRisingOnly() {
        double[] hv20 = {0.10, 0.136, 0.14, 0.16, 0.17, 0.14, 0.16, 0.10, 0.14};
        boolean[] alert = {false, true, false, true, false, false, true, false, true}; // hour 6 rises WARNING -> CRITICAL
        Optional<Severity> state = Optional.empty();
        for (int i = 0; i < hv20.length; i++) {
            Optional<Severity> now = VolatilityAlertRule.severity(hv20[i], THRESHOLD);
            assertThat(VolatilityAlertRule.shouldAlert(state, now)).as("hour %d, hv20 %s", i, hv20[i]).isEqualTo(alert[i]);
            state = now;
        }
    }
}
