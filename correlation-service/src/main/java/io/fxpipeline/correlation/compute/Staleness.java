package io.fxpipeline.correlation.compute;

import io.fxpipeline.model.market.MarketCalendar;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a pair's newest close is too old to stand in a run as of a given time: older by more than
 * {@code allowed} of trading time. Weekends count nothing, so Friday's last close is fresh on Sunday. Pure.
 */
public record Staleness(MarketCalendar calendar, Duration allowed) {

    /** {@code bars} bars of {@code bar} length of trading time. */
    public static Staleness ofBars(int bars, Duration bar) {
        return new Staleness(MarketCalendar.FX, bar.multipliedBy(bars));
    }

    public boolean isStale(Instant newestClose, Instant asOf) {
        return calendar.openBetween(newestClose, asOf).compareTo(allowed) > 0;
    }
}
