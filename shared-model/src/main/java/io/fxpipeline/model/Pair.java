package io.fxpipeline.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Objects;
import java.util.regex.Pattern;

/** A currency pair in OANDA instrument form, {@code BASE_QUOTE} such as {@code EUR_USD}. */
@RegisterForReflection
public final class Pair implements Comparable<Pair> {

    private static final Pattern FORM = Pattern.compile("[A-Z]{3}_[A-Z]{3}");

    private final String name;

    private Pair(String name) {
        this.name = name;
    }

    /** Parses an instrument name; rejects anything that is not two different ISO-style codes. */
    @JsonCreator
    public static Pair of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("pair is missing");
        }
        if (name.length() > 7 || !FORM.matcher(name).matches()) {
            throw new IllegalArgumentException("pair '" + abbreviate(name)
                    + "' is not an instrument name like EUR_USD (three upper-case letters, '_', three upper-case letters)");
        }
        if (name.regionMatches(0, name, 4, 3)) {
            throw new IllegalArgumentException("pair '" + name + "' quotes a currency against itself");
        }
        return new Pair(name);
    }

    public String base() {
        return name.substring(0, 3);
    }

    public String quote() {
        return name.substring(4);
    }

    @JsonValue
    public String name() {
        return name;
    }

    @Override
    public int compareTo(Pair other) {
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pair other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
