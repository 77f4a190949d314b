package io.fxpipeline.model.market;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * The weekly FX market calendar: open from Sunday 22:00 UTC to Friday 22:00 UTC, closed over the weekend.
 * Pure, so every service measures "market time" the same way without reading ingest's {@code market_sessions}
 * (services never read each other's tables). The hour is the usual approximation: New York's 17:00 close moves
 * between 21:00 and 22:00 UTC with daylight saving, an hour that never decides whether data is stale.
 */
public final class MarketCalendar {

    private static final Duration WEEK = Duration.ofDays(7);

    /** The calendar every service uses. */
    public static final MarketCalendar FX = new MarketCalendar(DayOfWeek.FRIDAY, LocalTime.of(22, 0), Duration.ofHours(48));

    private final DayOfWeek closeDay;
    private final LocalTime closeTime;
    private final Duration closedFor;

    public MarketCalendar(DayOfWeek closeDay, LocalTime closeTime, Duration closedFor) {
        if (closedFor.isNegative() || closedFor.compareTo(WEEK) >= 0) {
            throw new IllegalArgumentException("the weekly closure must last less than a week");
        }
        this.closeDay = closeDay;
        this.closeTime = closeTime;
        this.closedFor = closedFor;
    }

    /** Whether the market trades at {@code time}. */
    public boolean isOpen(Instant time) {
        Instant close = lastCloseAtOrBefore(time);
        return !time.isBefore(close.plus(closedFor));
    }

    /** Trading time between two instants (zero when {@code to} is not after {@code from}); weekends count nothing. */
    public Duration openBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration open = Duration.between(from, to);
        // Subtract every weekly closure overlapping [from, to), starting with the one at or before from.
        for (Instant close = lastCloseAtOrBefore(from); close.isBefore(to); close = close.plus(WEEK)) {
            Instant reopen = close.plus(closedFor);
            Instant start = close.isAfter(from) ? close : from;
            Instant end = reopen.isBefore(to) ? reopen : to;
            if (end.isAfter(start)) {
                open = open.minus(Duration.between(start, end));
            }
        }
        return open;
    }

    private Instant lastCloseAtOrBefore(Instant time) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        ZonedDateTime close = t.with(TemporalAdjusters.previousOrSame(closeDay)).with(closeTime);
        if (close.isAfter(t)) {
            close = close.minusWeeks(1);
        }
        return close.toInstant();
    }
}
