package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a restarted replay feed picks up: each pair after its newest stored candle, and the virtual clock at the
 * earliest point some pair's stored history ends (never before the configured start), so no stored hour is
 * played again and no new candle waits behind them. Pure.
 */
record ResumePoint(Instant clockStart, Map<Pair, Integer> played) {

    static ResumePoint of(Instant configuredStart, Map<Pair, List<Candle>> recorded, Map<Pair, Instant> newestStored,
            Granularity granularity) {
        Map<Pair, Integer> played = new HashMap<>();
        Instant earliestEnd = null;
        for (Map.Entry<Pair, List<Candle>> entry : recorded.entrySet()) {
            Instant newest = newestStored.get(entry.getKey());
            int index = 0;
            if (newest != null) {
                while (index < entry.getValue().size() && !entry.getValue().get(index).time().isAfter(newest)) {
                    index++;
                }
                Instant end = newest.plus(granularity.length());
                earliestEnd = earliestEnd == null || end.isBefore(earliestEnd) ? end : earliestEnd;
            }
            played.put(entry.getKey(), index);
        }
        Instant start = earliestEnd != null && earliestEnd.isAfter(configuredStart) ? earliestEnd : configuredStart;
        return new ResumePoint(start, played);
    }
}
