package io.fxpipeline.messaging.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The problems of one mapping's values, each as {@code <property> <what is wrong>}
 * ({@code fx.retention-days must be greater than or equal to 1}). Properties are named as the configuration names them
 * (kebab-case, relative to the mapping or {@link #group} prefix), so {@link VariableNames} can name the variable a bad
 * value came from.
 */
public final class SettingRules {

    private final String prefix;
    private final List<String> problems;

    public SettingRules(String prefix) {
        this(prefix, new ArrayList<>());
    }

    private SettingRules(String prefix, List<String> problems) {
        this.prefix = prefix;
        this.problems = problems;
    }

    /** The rules of a nested group ({@code stream} under {@code fx}: {@code fx.stream.*}); its problems are these. */
    public SettingRules group(String name) {
        return new SettingRules(path(name), problems);
    }

    /** The base rule: a problem {@code message} about {@code property} unless {@code ok}. */
    public SettingRules require(String property, boolean ok, String message) {
        if (!ok) {
            problems.add(path(property) + " " + message);
        }
        return this;
    }

    public SettingRules atLeast(String property, long value, long min) {
        return require(property, value >= min, "must be greater than or equal to " + min);
    }

    public SettingRules between(String property, long value, long min, long max) {
        return atLeast(property, value, min).require(property, value <= max, "must be less than or equal to " + max);
    }

    /** Greater than 0 (NaN is not). */
    public SettingRules positive(String property, double value) {
        return require(property, value > 0, "must be greater than 0");
    }

    /** Greater than 0 and at most {@code max}. */
    public SettingRules positiveAtMost(String property, double value, double max) {
        return positive(property, value)
                .require(property, !(value > max), "must be less than or equal to " + plain(max));
    }

    public SettingRules positive(String property, Duration value) {
        return require(property, !value.isNegative() && !value.isZero(), "must be a positive duration");
    }

    public SettingRules notEmpty(String property, Collection<?> values) {
        return require(property, !values.isEmpty(), "must not be empty");
    }

    /** The whole value matches {@code pattern}. */
    public SettingRules matches(String property, String value, Pattern pattern, String message) {
        return require(property, pattern.matcher(value).matches(), message);
    }

    /** Each item of a list matches; a problem names the item by its index ({@code fx.list[2] …}). */
    public SettingRules eachMatches(String property, List<String> values, Pattern pattern, String message) {
        for (int i = 0; i < values.size(); i++) {
            matches(property + "[" + i + "]", values.get(i), pattern, message);
        }
        return this;
    }

    /** Each key of a map matches, and its value is greater than 0; a problem names the key's property. */
    public SettingRules positiveByKey(String property, Map<String, Double> values, Pattern key, String keyMessage) {
        values.forEach((k, v) -> matches(property + "." + k, k, key, keyMessage).positive(property + "." + k, v));
        return this;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    private String path(String property) {
        return prefix.isEmpty() ? property : prefix + "." + property;
    }

    /** 1e9 as 1000000000, 0.5 as 0.5: the bound as a person writes it. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
