package io.fxpipeline.messaging.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-client token buckets: each key (a client address, a replay requester) may spend {@code capacity} requests at
 * once and gets them back at {@code capacity} per {@code period}. The buckets live in a bounded cache (idle keys
 * expire), so a flood of distinct keys costs bounded memory. Thread-safe; never blocks.
 */
public final class RateLimiter {

    private final long capacity;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    /** @param maxKeys how many clients are tracked at once; the least recently seen are forgotten first */
    public RateLimiter(long capacity, Duration period, int maxKeys) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a capacity of at least 1 and a positive period");
        }
        this.capacity = capacity;
        this.period = period;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period.multipliedBy(2)).build();
    }

    /** Spends one request of {@code key}: empty when allowed, else how long until the next one would be. */
    public Optional<Duration> tryAcquire(String key) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
