package io.fxpipeline.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** OANDA v20 candle granularities; H1 is the pipeline's default. */
@RegisterForReflection
public enum Granularity {
    S5(Duration.ofSeconds(5)), S10(Duration.ofSeconds(10)), S15(Duration.ofSeconds(15)), S30(Duration.ofSeconds(30)),
    M1(Duration.ofMinutes(1)), M2(Duration.ofMinutes(2)), M4(Duration.ofMinutes(4)), M5(Duration.ofMinutes(5)),
    M10(Duration.ofMinutes(10)), M15(Duration.ofMinutes(15)), M30(Duration.ofMinutes(30)),
    H1(Duration.ofHours(1)), H2(Duration.ofHours(2)), H3(Duration.ofHours(3)), H4(Duration.ofHours(4)),
    H6(Duration.ofHours(6)), H8(Duration.ofHours(8)), H12(Duration.ofHours(12)),
    D(Duration.ofDays(1)), W(Duration.ofDays(7)), M(Duration.ofDays(30));

    public static final Granularity DEFAULT = H1;

    private final Duration length;

    Granularity(Duration length) {
        this.length = length;
    }

    /** Nominal bar length (a month counts as 30 days; only used for sizing, never for alignment). */
    public Duration length() {
        return length;
    }

    /**
     * Whether {@code time} is a valid open time. Up to H1 bars align to the UTC clock, so this is exact.
     * <p>
     * Coarser bars (H2–H12, D, W, M) are only required to open on a whole UTC hour. OANDA aligns them to
     * {@code dailyAlignment} in {@code alignmentTimezone} (default 17:00 America/New_York, docs/oanda-v20.md §3), then
     * {@code weeklyAlignment} or the first of the month: which UTC hours are valid moves with New York's daylight
     * saving (D opens at 21:00 or 22:00 UTC, an H4 at 01:00 or 02:00…) and with the request's alignment
     * parameters, neither of which a bare timestamp carries, so checking more would reject good bars. New York's
     * offsets are whole hours, so a bar aligned there always opens on a whole UTC hour.
     */
    public boolean isAligned(Instant time) {
        if (compareTo(H1) > 0) {
            return time.getNano() == 0 && time.getEpochSecond() % 3600 == 0;
        }
        return time.getNano() == 0 && time.getEpochSecond() % length.getSeconds() == 0;
    }

    /**
     * The open time of the bar covering {@code time} for bars up to H1 (UTC-aligned); coarser bars depend on
     * OANDA's alignment settings, so for them this is only the start of the UTC hour.
     */
    public Instant floor(Instant time) {
        long unit = compareTo(H1) > 0 ? 3600 : length.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), unit) * unit);
    }

    /** Parses an OANDA granularity name, naming the valid ones when it is not one. */
    public static Granularity parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("granularity is missing");
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("granularity '" + (name.length() > 10 ? name.substring(0, 10) + "…" : name)
                    + "' is not one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(" ")));
        }
    }
}
