package io.fxpipeline.analytics.service;

import io.fxpipeline.model.sequence.Series;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Each series' {@link RecentWindow}, held only while it is known to equal the stored tail: set after a commit,
 * dropped on any failure or recompute. Absent, the next message reads the tail from PostgreSQL (the recovery
 * source after a start, a gap filled late, or a correction), which sets it again. Bounded: 20 pairs × 50 candles.
 */
@ApplicationScoped
public class RecentWindows {

    private final ConcurrentMap<Series, RecentWindow> windows = new ConcurrentHashMap<>();

    Optional<RecentWindow> get(Series series) {
        return Optional.ofNullable(windows.get(series));
    }

    void put(Series series, RecentWindow window) {
        windows.put(series, window);
    }

    /** The stored tail may have changed in a way the window does not know: read it again next time. */
    public void forget(Series series) {
        windows.remove(series);
    }
}
