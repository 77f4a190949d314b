package io.fxpipeline.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads and writes the one form of time the suite meets millions of times ({@code 2024-11-15T19:00:00Z}, and OANDA's
 * RFC3339 {@code 2024-11-15T19:00:00.000000000Z}) without the general ISO formatter, which was a third of reading an
 * OANDA candle. {@link #parse} answers null for any other text (offsets, lower case, leap seconds, signs, garbage):
 * callers give that to the general parser, so values and error messages stay what they were.
 */
public final class UtcTimes {

    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private static final long YEAR_0 = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
    private static final long YEAR_10000 = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

    private UtcTimes() {
    }

    /** The instant, or null when the text is not exactly {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} of a real UTC second. */
    public static Instant parse(String text) {
        int length = text.length();
        return length < 20 || length > 30 ? null : parse(text.toCharArray(), 0, length, true);
    }

    /**
     * @param fractions whether a fraction of one to nine digits may follow the seconds
     * @return the instant, or null when the text is not exactly that form of a real UTC second
     */
    public static Instant parse(char[] c, int at, int length, boolean fractions) {
        if (length < 20 || c[at + 4] != '-' || c[at + 7] != '-' || c[at + 10] != 'T' || c[at + 13] != ':'
                || c[at + 16] != ':' || c[at + length - 1] != 'Z') {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int digits = length - 21;
            if (!fractions || c[at + 19] != '.' || digits < 1 || digits > 9) {
                return null;
            }
            int fraction = digits(c, at + 20, digits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * NANOS_PER_DIGIT[digits];
        }
        int year = digits(c, at, 4);
        int month = digits(c, at + 5, 2);
        int day = digits(c, at + 8, 2);
        int hour = digits(c, at + 11, 2);
        int minute = digits(c, at + 14, 2);
        int second = digits(c, at + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** {@link Instant#toString()}, written without the general formatter for a whole second of the years 0 to 9999. */
    public static String format(Instant time) {
        long seconds = time.getEpochSecond();
        if (time.getNano() != 0 || seconds < YEAR_0 || seconds >= YEAR_10000) {
            return time.toString();
        }
        long days = Math.floorDiv(seconds, 86_400);
        int ofDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        char[] c = "0000-00-00T00:00:00Z".toCharArray();
        put(c, 0, date.getYear(), 4);
        put(c, 5, date.getMonthValue(), 2);
        put(c, 8, date.getDayOfMonth(), 2);
        put(c, 11, ofDay / 3_600, 2);
        put(c, 14, ofDay / 60 % 60, 2);
        put(c, 17, ofDay % 60, 2);
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int digits(char[] c, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
