package io.fxpipeline.model.codec;

import java.math.BigDecimal;
import java.util.List;

/** Field checks shared by the message records' constructors, so a record can never hold bad data. */
public final class Checks {

    private Checks() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new MalformedMessageException(field, "is missing");
        }
        return value;
    }

    public static BigDecimal positive(BigDecimal value, String field) {
        required(value, field);
        if (value.signum() <= 0) {
            throw new MalformedMessageException(field, "must be positive, was " + value.toPlainString());
        }
        return value;
    }

    public static double finite(Double value, String field) {
        required(value, field);
        if (!Double.isFinite(value)) {
            throw new MalformedMessageException(field, "must be a finite number, was " + value);
        }
        return value;
    }

    /** Null stays null (a window not yet full); anything else must be finite. */
    public static Double finiteOrNull(Double value, String field) {
        return value == null ? null : finite(value, field);
    }

    public static long nonNegative(Long value, String field) {
        required(value, field);
        if (value < 0) {
            throw new MalformedMessageException(field, "must not be negative, was " + value);
        }
        return value;
    }

    public static <T> List<T> nonEmpty(List<T> values, String field) {
        required(values, field);
        if (values.isEmpty()) {
            throw new MalformedMessageException(field, "must not be empty");
        }
        for (int i = 0; i < values.size(); i++) {
            required(values.get(i), field + "[" + i + "]");
        }
        return List.copyOf(values);
    }

    public static void countMatches(Integer count, int actual) {
        required(count, "count");
        if (count != actual) {
            throw new MalformedMessageException("count", "says " + count + " but the message carries " + actual);
        }
    }

    public static String text(String value, String field, int maxLength) {
        required(value, field);
        if (value.isBlank() || value.length() > maxLength) {
            throw new MalformedMessageException(field, "must be 1 to " + maxLength + " characters");
        }
        return value;
    }
}
