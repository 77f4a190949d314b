package io.fxpipeline.model;

import io.fxpipeline.model.message.Candle;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule a candle must pass wherever it is received: ingest applies it to every feed answer, and every
 * consumer to every candle of {@code data_ready}, so a forged or buggy publisher cannot put in a consumer's table
 * what ingest would have refused. Prices must be positive, of a sane magnitude and digit count (a double copy of
 * them must be finite and exact enough), high and low must bound open and close, the time must be aligned to the
 * granularity and the bar must have closed by the receiver's present plus {@link #CLOCK_SKEW}.
 * Pure: the present is passed in.
 */
public final class CandleRule {

    /** How far a candle may close after the receiver's present (clock differences between OANDA, ingest and us). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    /** No currency is quoted above ten million units of another (USD_IDR ≈ 16,000, USD_VND ≈ 25,000). */
    public static final BigDecimal MAX_PRICE = new BigDecimal("10000000");
    /** Nor below a millionth. */
    public static final BigDecimal MIN_PRICE = new BigDecimal("0.000001");
    /** Significant digits of a quote; a double keeps about 16, OANDA quotes at most 6. */
    public static final int MAX_DIGITS = 18;

    /** Why a candle breaks the rule; the metric tag is the lower-case name. */
    public enum Reason {
        NON_POSITIVE, OUT_OF_RANGE, TOO_MANY_DIGITS, HIGH_BELOW_MAX, LOW_ABOVE_MIN, MISALIGNED, FUTURE;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One broken part of the rule: which, and a sentence with the values. */
    public record Violation(Reason reason, String detail) {

        @Override
        public String toString() {
            return reason.tag() + " (" + detail + ")";
        }
    }

    private static final String[] FIELDS = {"o", "h", "l", "c"};

    private CandleRule() {
    }

    /** The whole rule for a candle of {@code granularity} received at {@code present}. */
    public static Optional<Violation> check(Candle candle, Granularity granularity, Instant present) {
        return prices(candle.open(), candle.high(), candle.low(), candle.close())
                .or(() -> timing(granularity, candle.time(), present));
    }

    /** Positive, sane magnitude and digit count, high and low bounding open and close; every price non-null. */
    public static Optional<Violation> prices(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
        BigDecimal[] values = {open, high, low, close};
        for (int i = 0; i < values.length; i++) {
            BigDecimal v = values[i];
            if (v.signum() <= 0) {
                return violation(Reason.NON_POSITIVE, FIELDS[i] + " must be positive, was " + text(v));
            }
            if (v.compareTo(MAX_PRICE) > 0 || v.compareTo(MIN_PRICE) < 0) {
                return violation(Reason.OUT_OF_RANGE, FIELDS[i] + " " + text(v) + " is outside " + MIN_PRICE.toPlainString()
                        + " to " + MAX_PRICE.toPlainString());
            }
            // stripping zeros only lowers the precision: the usual price needs no stripped copy
            if (v.precision() > MAX_DIGITS && v.stripTrailingZeros().precision() > MAX_DIGITS) {
                return violation(Reason.TOO_MANY_DIGITS, FIELDS[i] + " has " + v.stripTrailingZeros().precision()
                        + " significant digits, at most " + MAX_DIGITS + " are allowed");
            }
        }
        if (high.compareTo(open.max(close)) < 0) {
            return violation(Reason.HIGH_BELOW_MAX, "h " + high.toPlainString() + " is below max(open, close) "
                    + open.max(close).toPlainString());
        }
        if (low.compareTo(open.min(close)) > 0) {
            return violation(Reason.LOW_ABOVE_MIN, "l " + low.toPlainString() + " is above min(open, close) "
                    + open.min(close).toPlainString());
        }
        return Optional.empty();
    }

    /** Aligned to the granularity and closed by {@code present} plus {@link #CLOCK_SKEW}. */
    public static Optional<Violation> timing(Granularity granularity, Instant time, Instant present) {
        if (!granularity.isAligned(time)) {
            return violation(Reason.MISALIGNED, "time " + time + " is not aligned to " + granularity);
        }
        Instant close = earliestClose(granularity, time);
        Instant latest = present.plus(CLOCK_SKEW);
        if (close.isAfter(latest)) {
            return violation(Reason.FUTURE, "candle closes after now: at " + close + ", now is " + present + " ("
                    + CLOCK_SKEW.toMinutes() + " min of clock skew allowed)");
        }
        return Optional.empty();
    }

    /**
     * The earliest the bar opening at {@code time} can close: {@code time} + its length up to H1 (UTC-aligned, exact).
     * Coarser bars follow New York's 17:00 alignment, so a DST change can shorten them by an hour, and a month can
     * be 28 days: the bound stays below the true close, so a really complete candle is never called a future one.
     */
    public static Instant earliestClose(Granularity granularity, Instant time) {
        if (granularity.compareTo(Granularity.H1) <= 0) {
            return time.plus(granularity.length());
        }
        Duration length = granularity == Granularity.M ? Duration.ofDays(28) : granularity.length();
        return time.plus(length).minus(Duration.ofHours(1));
    }

    /** Short plain text of a price, however many digits it has (a log line must stay a line). */
    private static String text(BigDecimal v) {
        String plain = v.abs().compareTo(MAX_PRICE.multiply(MAX_PRICE)) > 0 || v.scale() > 40 ? v.toString() : v.toPlainString();
        return plain.length() <= 40 ? plain : plain.substring(0, 40) + "…";
    }

    private static Optional<Violation> violation(Reason reason, String detail) {
        return Optional.of(new Violation(reason, detail));
    }
}
