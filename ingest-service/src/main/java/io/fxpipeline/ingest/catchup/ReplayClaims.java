package io.fxpipeline.ingest.catchup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;

/**
 * Which ingest replica answers a replay request: the first to add the request's digest to one Redis sorted set
 * scored by expiry ({@code ZADD NX}). Expired claims are pruned on every claim and the set is capped at
 * {@code maxClaims} (the soonest-expiring go first), so a flood of distinct requests costs one bounded key instead
 * of a key per request.
 */
final class ReplayClaims {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final String key;
    private final Duration ttl;
    private final int maxClaims;
    private final Clock clock = Clock.systemUTC();

    ReplayClaims(ReactiveRedisDataSource redis, String key, Duration ttl, int maxClaims) {
        this.redis = redis;
        this.key = key;
        this.ttl = ttl;
        this.maxClaims = maxClaims;
    }

    /** True when this caller is the first to claim {@code digest} within the claim's lifetime. */
    Uni<Boolean> claim(String digest) {
        long now = clock.millis();
        return redis.execute("ZREMRANGEBYSCORE", key, "-inf", String.valueOf(now))
                .chain(() -> redis.execute("ZADD", key, "NX", String.valueOf(now + ttl.toMillis()), digest))
                .call(() -> redis.execute("ZREMRANGEBYRANK", key, "0", String.valueOf(-(maxClaims + 1))))
                .call(() -> redis.execute("PEXPIRE", key, String.valueOf(ttl.toMillis())))
                .ifNoItem().after(TIMEOUT).fail()
                .map(added -> added != null && added.toLong() == 1);
    }
}
