package io.fxpipeline.model.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks the infrastructure variables (ports, hosts, database, Redis, logging) while the configuration is built,
 * before any mapping exists, so a wrong value stops start-up with a message naming the variable (rather than a
 * failure deep inside a driver). Secrets are never checked or echoed. Domain settings are not checked here: their
 * one home is the services' {@code @ConfigMapping}s, whose problems the kit's {@code VariableNames} reports under
 * the variable's name.
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
        RULES.put("DB_SSL_MODE", v -> require(Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
                .contains(v), "disable, allow, prefer, require, verify-ca or verify-full"));
        RULES.put("REDIS_URL", v -> require(v.matches("rediss?://[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(/\\d{1,2})?"),
                "redis://host:port/db or rediss://host:port/db (TLS); the password goes in REDIS_PASSWORD"));
        // SmallRye's boolean converter reads any word but true/1/yes/y/on as false: a typo would switch a job off
        for (String flag : List.of("HOURLY_JOB_ENABLED", "DAILY_JOB_ENABLED", "LOG_JSON")) {
            RULES.put(flag, v -> require(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"), "true or false"));
        }
        RULES.put("LOG_LEVEL", v -> require(Set.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL")
                .contains(v), "OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE or ALL"));
        RULES.put("LOG_FILE", EnvironmentCheck::writableFile);
    }

    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        List<String> problems = new ArrayList<>();
        RULES.forEach((name, rule) -> check(context, name, rule, problems));
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

    /** A file the service can create or append to: its folder exists and is writable, it is not a folder. */
    private static void writableFile(String value) {
        java.nio.file.Path path = java.nio.file.Path.of(value).toAbsolutePath();
        require(!java.nio.file.Files.isDirectory(path), "a file path, not a folder");
        java.nio.file.Path folder = path.getParent();
        require(folder != null && java.nio.file.Files.isDirectory(folder) && java.nio.file.Files.isWritable(folder),
                "a file in an existing, writable folder");
    }

    private static void require(boolean ok, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("expected " + expected);
        }
    }
}
