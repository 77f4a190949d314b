package io.fxpipeline.messaging.rest;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The cache figures every service reports on {@code GET /cache/stats}: Redis hits, misses, memory, our keys. */
public final class CacheFigures {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private CacheFigures() {
    }

    /** @param keys the service's cache keys; {@code cachedName} counts those present, {@code trackedName} all */
    public static Uni<Map<String, Object>> of(ReactiveRedisDataSource redis, List<String> keys, String cachedName,
            int tracked) {
        Uni<Long> cached = Multi.createFrom().iterable(keys)
                .onItem().transformToUniAndConcatenate(key -> redis.key().exists(key))
                .filter(Boolean::booleanValue).collect().with(Collectors.counting());
        return redis.execute("INFO", "stats").chain(stats -> redis.execute("INFO", "memory").chain(memory -> cached.map(n -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("keyspace_hits", info(stats.toString(), "keyspace_hits"));
            figures.put("keyspace_misses", info(stats.toString(), "keyspace_misses"));
            figures.put("used_memory", info(memory.toString(), "used_memory"));
            figures.put(cachedName, n);
            figures.put("tracked_pairs", tracked);
            return figures;
        }))).ifNoItem().after(TIMEOUT).fail();
    }

    static Long info(String text, String field) {
        for (String line : text.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        return null;
    }
}
