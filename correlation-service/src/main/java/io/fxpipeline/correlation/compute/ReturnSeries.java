package io.fxpipeline.correlation.compute;

import io.fxpipeline.correlation.ClosePoint;

import java.util.List;

/** The last {@code window} closes of one pair as parallel arrays, ready for merge-joining on time. */
final class ReturnSeries {

    final long[] times;
    final double[] logCloses;

    private ReturnSeries(long[] times, double[] logCloses) {
        this.times = times;
        this.logCloses = logCloses;
    }

    /** @param closes ascending by time, one per candle */
    static ReturnSeries lastOf(List<ClosePoint> closes, int window) {
        int from = Math.max(0, closes.size() - window);
        int n = closes.size() - from;
        long[] times = new long[n];
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            ClosePoint p = closes.get(from + i);
            if (i > 0 && !p.time().isAfter(closes.get(from + i - 1).time())) {
                throw new IllegalArgumentException("closes must be strictly ascending in time at " + p.time());
            }
            times[i] = p.time().getEpochSecond();
            logs[i] = Math.log(p.close());
        }
        return new ReturnSeries(times, logs);
    }
}
