package io.fxpipeline.correlation.compute;

import io.fxpipeline.correlation.ClosePoint;
import io.fxpipeline.model.Pair;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes of the tracked pairs, read once, cut into the window as of any instant: a run as of {@code t} uses the
 * candles that had closed by {@code t} (open time + bar ≤ t), the last {@code window} of each pair, and leaves
 * out pairs whose newest such close is stale. The daily run and the history share this one rule. Pure.
 */
public final class CloseHistory {

    private final List<Pair> pairs;
    private final Map<Pair, List<ClosePoint>> closes;
    private final Duration bar;
    private final int window;
    private final Staleness staleness;

    /** @param closes per pair, ascending by time (pairs without closes may be absent) */
    public CloseHistory(List<Pair> pairs, Map<Pair, List<ClosePoint>> closes, Duration bar, int window,
            Staleness staleness) {
        this.pairs = List.copyOf(pairs);
        this.closes = closes;
        this.bar = bar;
        this.window = window;
        this.staleness = staleness;
    }

    /** The closes a run as of {@code asOf} uses. */
    public MarketWindow asOf(Instant asOf) {
        long lastOpen = asOf.minus(bar).getEpochSecond();
        Map<Pair, List<ClosePoint>> used = new LinkedHashMap<>();
        List<Pair> stale = new ArrayList<>();
        int withCloses = 0;
        for (Pair pair : pairs) {
            List<ClosePoint> all = closes.getOrDefault(pair, List.of());
            int end = closedBy(all, lastOpen);
            if (end == 0) {
                used.put(pair, List.of());
                continue;
            }
            withCloses++;
            Instant newestClose = all.get(end - 1).time().plus(bar);
            if (staleness.isStale(newestClose, asOf)) {
                stale.add(pair);
                used.put(pair, List.of());
            } else {
                used.put(pair, Collections.unmodifiableList(all.subList(Math.max(0, end - window), end)));
            }
        }
        return new MarketWindow(asOf, used, List.copyOf(stale), withCloses);
    }

    /** How many closes open at or before {@code lastOpen} (binary search: the lists are ascending). */
    private static int closedBy(List<ClosePoint> closes, long lastOpen) {
        int lo = 0;
        int hi = closes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (closes.get(mid).time().getEpochSecond() <= lastOpen) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The closes of one as-of time: every tracked pair, with an empty list when it has none or is stale.
     *
     * @param withCloses pairs that had any close by then (stale ones included)
     */
    public record MarketWindow(Instant asOf, Map<Pair, List<ClosePoint>> closes, List<Pair> stale, int withCloses) {
    }
}
