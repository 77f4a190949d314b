package io.fxpipeline.ingest.feed.recorded;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Market time for the replay feed: starts at {@code marketStart} when created and runs {@code speed} market
 * seconds per wall-clock second (3600 = one market hour a second). Pure: wall time comes from the source.
 */
public final class RecordedClock {

    private final Instant marketStart;
    private final double speed;
    private final InstantSource wall;
    private final Instant wallStart;

    public RecordedClock(Instant marketStart, double speed, InstantSource wall) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed must be a positive number of market seconds per second");
        }
        this.marketStart = marketStart;
        this.speed = speed;
        this.wall = wall;
        this.wallStart = wall.instant();
    }

    public Instant now() {
        long wallNanos = Duration.between(wallStart, wall.instant()).toNanos();
        return marketStart.plusNanos((long) (wallNanos * speed));
    }
}
