package io.fxpipeline.model;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The 20 pairs the original design tracks; every service uses them unless configured otherwise. */
public final class TrackedPairs {

    public static final List<Pair> DEFAULT = List.of(
            "EUR_USD", "GBP_USD", "USD_JPY", "USD_CHF", "AUD_USD", "USD_CAD", "NZD_USD",
            "EUR_GBP", "EUR_JPY", "GBP_JPY", "EUR_CHF", "AUD_JPY", "EUR_AUD", "GBP_CHF",
            "CAD_JPY", "CHF_JPY", "EUR_CAD", "AUD_NZD", "GBP_AUD", "NZD_JPY")
            .stream().map(Pair::of).toList();

    /** Comma-separated form used by the {@code FX_PAIRS} setting. */
    public static final String DEFAULT_LIST = DEFAULT.stream().map(Pair::name).collect(Collectors.joining(","));

    private TrackedPairs() {
    }

    /** Parses a comma-separated list, rejecting bad names and duplicates. */
    public static List<Pair> parse(String commaSeparated) {
        List<Pair> pairs = Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Pair::of).toList();
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("the pair list is empty");
        }
        if (pairs.stream().distinct().count() != pairs.size()) {
            throw new IllegalArgumentException("the pair list names a pair twice: " + commaSeparated);
        }
        return pairs;
    }
}
