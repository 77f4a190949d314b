package io.fxpipeline.correlation.alert;

import io.fxpipeline.correlation.PairCorrelation;
import io.fxpipeline.model.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

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

    /** A valued pair's verdict in one run: whether it is announced, and the state kept for the next run. */
    public record Verdict(Pair pairA, Pair pairB, double correlation, boolean alert, boolean alerting) {
    }

    /**
     * The verdicts of a run's entries, in their order; entries without a value have none (their state is kept).
     *
     * @param previous the r of the last run for a pair (a, b), or null when there was none
     */
    public List<Verdict> judge(List<PairCorrelation> entries, BiFunction<Pair, Pair, Double> previous) {
        List<Verdict> verdicts = new ArrayList<>();
        for (PairCorrelation e : entries) {
            if (e.correlation() == null) {
                continue;
            }
            double r = e.correlation();
            verdicts.add(new Verdict(e.pairA(), e.pairB(), r, shouldAlert(previous.apply(e.pairA(), e.pairB()), r),
                    alerting(r)));
        }
        return verdicts;
    }
}
