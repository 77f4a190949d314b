package io.fxpipeline.analytics.alert;

import io.fxpipeline.model.Severity;

import java.util.Optional;

/**
 * The severity of a pair's HV20 against its threshold (CRITICAL at ≥ threshold, WARNING at ≥ 0.9 × threshold),
 * and whether a change deserves an alert: entering a severity, or rising WARNING → CRITICAL. Pure.
 */
public final class VolatilityAlertRule {

    static final double WARNING_SHARE = 0.9;

    private VolatilityAlertRule() {
    }

    public static Optional<Severity> severity(double hv20, double threshold) {
        if (hv20 >= threshold) {
            return Optional.of(Severity.CRITICAL);
        }
        if (hv20 >= WARNING_SHARE * threshold) {
            return Optional.of(Severity.WARNING);
        }
        return Optional.empty();
    }

    /** True when moving from {@code previous} to {@code current} should be announced. */
    public static boolean shouldAlert(Optional<Severity> previous, Optional<Severity> current) {
        if (current.isEmpty()) {
            return false;
        }
        return previous.isEmpty() || previous.get().compareTo(current.get()) < 0;
    }
}
