package io.fxpipeline.correlation.compute;

/**
 * Pearson r of the log returns two series share: inner join on candle time, a return between consecutive
 * joined candles, then two passes (means, then centred sums) so no Σx² − (Σx)²/n cancellation occurs.
 */
final class Pearson {

    /** r and the number of common returns; r is NaN when fewer than {@code minReturns} or a series is flat. */
    record Result(double r, int returns) {
    }

    private Pearson() {
    }

    static Result of(ReturnSeries a, ReturnSeries b, int minReturns, double[] xs, double[] ys) {
        int i = 0;
        int j = 0;
        int n = 0;
        double prevA = Double.NaN;
        double prevB = Double.NaN;
        boolean first = true;
        while (i < a.times.length && j < b.times.length) {
            long ta = a.times[i];
            long tb = b.times[j];
            if (ta < tb) {
                i++;
            } else if (tb < ta) {
                j++;
            } else {
                if (!first) {
                    xs[n] = a.logCloses[i] - prevA;
                    ys[n] = b.logCloses[j] - prevB;
                    n++;
                }
                first = false;
                prevA = a.logCloses[i];
                prevB = b.logCloses[j];
                i++;
                j++;
            }
        }
        if (n < minReturns) {
            return new Result(Double.NaN, n);
        }
        double meanX = 0;
        double meanY = 0;
        for (int k = 0; k < n; k++) {
            meanX += xs[k];
            meanY += ys[k];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int k = 0; k < n; k++) {
            double dx = xs[k] - meanX;
            double dy = ys[k] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return new Result(Double.NaN, n); // a flat series has no correlation
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return new Result(Math.max(-1, Math.min(1, r)), n);
    }
}
