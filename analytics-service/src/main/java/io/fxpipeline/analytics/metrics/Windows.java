package io.fxpipeline.analytics.metrics;

/**
 * Statistics over the last {@code n} values ending at an index, recomputed exactly each time. Windows are at
 * most 50 long, so exact recomputation costs little and, unlike rolling sums, never drifts over a long series.
 */
final class Windows {

    private Windows() {
    }

    static double mean(double[] values, int end, int n) {
        double sum = 0;
        for (int i = end - n + 1; i <= end; i++) {
            sum += values[i];
        }
        return sum / n;
    }

    /** Two-pass standard deviation: divisor {@code n} (population) or {@code n - 1} (sample). */
    static double standardDeviation(double[] values, int end, int n, boolean sample) {
        double mean = mean(values, end, n);
        double squares = 0;
        double residual = 0; // corrected two-pass: removes the rounding error left in the mean
        for (int i = end - n + 1; i <= end; i++) {
            double d = values[i] - mean;
            squares += d * d;
            residual += d;
        }
        double variance = (squares - residual * residual / n) / (sample ? n - 1 : n);
        return Math.sqrt(Math.max(variance, 0));
    }
}
