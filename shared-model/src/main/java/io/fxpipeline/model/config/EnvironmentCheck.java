package io.fxpipeline.model.config;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks the design's environment variables while the configuration is built, so a wrong value stops start-up
 * with a message naming the variable (rather than a failure deep inside a driver). Secrets are never checked
 * or echoed.
 */
public class EnvironmentCheck implements ConfigSourceInterceptorFactory {

    private static final Map<String, Consumer<String>> RULES = new LinkedHashMap<>();

    static {
        for (String port : List.of("DB_PORT", "REDIS_PORT", "HTTP_PORT")) {
            RULES.put(port, v -> intIn(v, 1, 65535, "a TCP port"));
        }
        for (String host : List.of("DB_HOST", "REDIS_HOST")) {
            RULES.put(host, v -> require(v.matches("[A-Za-z0-9.\\-:\\[\\]]+"), "a host name or address"));
        }
        RULES.put("DB_NAME", v -> require(v.matches("[A-Za-z_][A-Za-z0-9_$]{0,62}"), "a database name"));
        // a job holds one connection for its lock while it works through others
        RULES.put("DB_POOL_SIZE", v -> intIn(v, 2, 1000, "a pool size"));
        RULES.put("REDIS_DB", v -> intIn(v, 0, 15, "a Redis database index"));
        RULES.put("DATA_RETENTION_DAYS", v -> intIn(v, 1, 36_500, "a number of days"));
        RULES.put("CORRELATION_THRESHOLD", v -> decimalIn(v, 0, 1, "a correlation threshold"));
        RULES.put("CORRELATION_WINDOW", v -> intIn(v, 3, 100_000, "a number of candles"));
        RULES.put("CORRELATION_MIN_RETURNS", v -> intIn(v, 2, 100_000, "a number of returns"));
        RULES.put("CORRELATION_STALE_BARS", v -> intIn(v, 0, 100_000, "a number of bars of trading time"));
        RULES.put("CORRELATION_HISTORY_DAYS", v -> intIn(v, 1, 36_500, "a number of days"));
        RULES.put("CORRELATION_DAILY_SETTLE", EnvironmentCheck::positiveDuration);
        RULES.put("VOLATILITY_THRESHOLD", v -> decimalIn(v, 0, 100, "an annualised volatility"));
        RULES.put("FX_ANNUALISATION_HOURS", v -> decimalIn(v, 0, 1e9, "hours per year"));
        RULES.put("VOLATILITY_PAIR_THRESHOLDS", EnvironmentCheck::pairThresholds);
        RULES.put("FX_PAGE_SIZE", v -> intIn(v, 1, 5000, "candles per request (OANDA's cap is 5000)"));
        RULES.put("FX_FETCH_CONCURRENCY", v -> intIn(v, 1, 64, "a number of pairs fetched at once"));
        RULES.put("FX_REPLAY_SPEED", v -> decimalIn(v, 0, 1e9, "market seconds per wall second"));
        RULES.put("DB_SSL_MODE", v -> require(Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
                .contains(v), "disable, allow, prefer, require, verify-ca or verify-full"));
        RULES.put("REDIS_URL", v -> require(v.matches("rediss?://[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(/\\d{1,2})?"),
                "redis://host:port/db or rediss://host:port/db (TLS); the password goes in REDIS_PASSWORD"));
        for (String flag : List.of("HOURLY_JOB_ENABLED", "DAILY_JOB_ENABLED", "LOG_JSON")) {
            RULES.put(flag, v -> require(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"), "true or false"));
        }
        RULES.put("LOG_LEVEL", v -> require(Set.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL")
                .contains(v), "OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE or ALL"));
        RULES.put("LOG_FILE", EnvironmentCheck::writableFile);
        RULES.put("OANDA_ENVIRONMENT", v -> require(Set.of("practice", "live").contains(v), "practice or live"));
        RULES.put("FX_FEED", v -> require(Set.of("replay", "oanda").contains(v), "replay or oanda"));
        RULES.put("FX_PAIRS", TrackedPairs::parse);
        RULES.put("FX_GRANULARITY", Granularity::parse);
    }

    /** Variables named {@code CACHE_TTL_*}, {@code *_INTERVAL} and {@code *_TIMEOUT} hold durations. */
    private static boolean isDuration(String name) {
        return name.startsWith("CACHE_TTL_") || name.endsWith("_INTERVAL") || name.endsWith("_TIMEOUT");
    }

    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        List<String> problems = new ArrayList<>();
        RULES.forEach((name, rule) -> check(context, name, rule, problems));
        System.getenv().keySet().stream().filter(EnvironmentCheck::isDuration).sorted()
                .forEach(name -> check(context, name, EnvironmentCheck::positiveDuration, problems));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid configuration: " + String.join("; ", problems));
        }
        return ConfigSourceInterceptorContext::proceed;
    }

    private static void check(ConfigSourceInterceptorContext context, String name, Consumer<String> rule,
            List<String> problems) {
        ConfigValue value = context.proceed(name);
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return;
        }
        try {
            rule.accept(value.getValue().trim());
        } catch (RuntimeException e) {
            // a URL's user-info may hold a password: never echo it
            String masked = value.getValue().replaceAll("(?<=://)[^@/]*@", "***@");
            String shown = masked.length() > 40 ? masked.substring(0, 40) + "…" : masked;
            problems.add(name + "='" + shown + "' is invalid: " + e.getMessage());
        }
    }

    private static void intIn(String value, long min, long max, String what) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + what + ", a whole number from " + min + " to " + max);
        }
        require(parsed >= min && parsed <= max, what + " from " + min + " to " + max);
    }

    private static void decimalIn(String value, double min, double max, String what) {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + what + ", a number above " + min + " up to " + max);
        }
        require(Double.isFinite(parsed) && parsed > min && parsed <= max, what + " above " + min + " up to " + max);
    }

    /** {@code GBP_JPY=0.25,EUR_USD=0.12}: pair names and annualised volatilities. */
    private static void pairThresholds(String value) {
        for (String entry : value.split(",")) {
            String[] parts = entry.trim().split("=", -1);
            require(parts.length == 2, "PAIR=threshold entries separated by commas, e.g. GBP_JPY=0.25,EUR_USD=0.12");
            Pair.of(parts[0].trim());
            decimalIn(parts[1].trim(), 0, 100, "an annualised volatility for " + parts[0].trim());
        }
    }

    /** A file the service can create or append to: its folder exists and is writable, it is not a folder. */
    private static void writableFile(String value) {
        java.nio.file.Path path = java.nio.file.Path.of(value).toAbsolutePath();
        require(!java.nio.file.Files.isDirectory(path), "a file path, not a folder");
        java.nio.file.Path folder = path.getParent();
        require(folder != null && java.nio.file.Files.isDirectory(folder) && java.nio.file.Files.isWritable(folder),
                "a file in an existing, writable folder");
    }

    /** Parsed as the mappings' {@code Duration}s are (Quarkus's converter: 300, 300s, 5m, 1d, PT5M), so the two agree. */
    private static void positiveDuration(String value) {
        Duration duration;
        try {
            duration = DurationConverter.parseDuration(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected a duration such as 300, 300s, 5m or PT5M");
        }
        require(duration != null && !duration.isNegative() && !duration.isZero(), "a positive duration");
    }

    private static void require(boolean ok, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("expected " + expected);
        }
    }
}
