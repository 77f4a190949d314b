package io.fxpipeline.analytics.alert;

import io.fxpipeline.messaging.alert.StoredAlert;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.model.message.VolatilityMetrics;

import java.time.Clock;
import java.util.Optional;

/**
 * What a pair's newest metrics row does to its stored alert state: the state it was in, the one it moves to (since
 * that row's time), and the alert to store when the move deserves one ({@link VolatilityAlertRule}). Pure; the
 * caller stores it in the transaction or statement that stores the row.
 */
public record AlertStep(Pair pair, Optional<Severity> before, Optional<Severity> now, VolatilityMetrics newest,
        Optional<VolatilityAlert> alert) {

    /** Empty when the row has no HV20 yet: nothing to decide, the state stays as it is. */
    public static Optional<AlertStep> decide(Pair pair, Granularity granularity, Optional<Severity> before,
            VolatilityMetrics newest, double threshold, Clock clock) {
        if (newest.hv20() == null) {
            return Optional.empty();
        }
        Optional<Severity> now = VolatilityAlertRule.severity(newest.hv20(), threshold);
        Optional<VolatilityAlert> alert = VolatilityAlertRule.shouldAlert(before, now)
                ? Optional.of(new VolatilityAlert(StoredAlert.decidedAt(clock), pair, granularity, newest.hv20(),
                        threshold, now.orElseThrow(), newest.time()))
                : Optional.empty();
        return Optional.of(new AlertStep(pair, before, now, newest, alert));
    }

    /** The state row changes only on a change of severity; its {@code since} is the row that changed it. */
    public boolean changesState() {
        return !before.equals(now);
    }
}
