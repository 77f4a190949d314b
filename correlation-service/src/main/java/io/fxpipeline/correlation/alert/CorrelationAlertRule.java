package io.fxpipeline.correlation.alert;

/**
 * When a pair deserves a correlation alert: it enters |r| ≥ threshold, or its sign flips while it stays
 * there. Staying in the same state is silent; dropping below re-arms. Pure; the caller keeps the state.
 */
public final class CorrelationAlertRule {

    private final double threshold;

    public CorrelationAlertRule(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    public boolean alerting(double r) {
        return Math.abs(r) >= threshold;
    }

    /**
     * @param previous the r of the last run for this pair, or null when there was none
     * @param current  this run's r
     */
    public boolean shouldAlert(Double previous, double current) {
        if (!alerting(current)) {
            return false;
        }
        return previous == null || !alerting(previous) || Math.signum(previous) != Math.signum(current);
    }
}
