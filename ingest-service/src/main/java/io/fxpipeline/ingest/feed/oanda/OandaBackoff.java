package io.fxpipeline.ingest.feed.oanda;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before each retry of an OANDA call (docs/oanda-v20.md §6): OANDA's {@code Retry-After} when its answer
 * carried one (capped at {@link #MAX_RETRY_AFTER_MILLIS}), otherwise exponential backoff with jitter from the
 * {@code @Retry} delay, doubling, capped at {@link #MAX_BACKOFF_MILLIS}. The wait happens between attempts, outside
 * the per-attempt {@code @Timeout}, so a long Retry-After is honoured in full.
 * <p>
 * SmallRye Fault Tolerance creates one instance per guarded invocation through the public no-argument constructor
 * (reflection; Quarkus registers implementors for native images, the annotation makes it explicit).
 */
@RegisterForReflection
public class OandaBackoff implements CustomBackoffStrategy {

    /** Longest exponential wait between attempts. */
    static final long MAX_BACKOFF_MILLIS = 10_000;
    /** Longest Retry-After honoured; the callers' {@code @Retry(maxDuration)} leaves room for it. */
    static final long MAX_RETRY_AFTER_MILLIS = 60_000;

    private long nextBackoff = 300; // guarded by this

    public OandaBackoff() {
    }

    @Override
    public synchronized void init(long initialDelayInMillis) {
        nextBackoff = Math.max(1, Math.min(initialDelayInMillis, MAX_BACKOFF_MILLIS));
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long backoff = backoff(); // advances the exponential sequence on every attempt, Retry-After or not
        if (cause instanceof OandaException.Retryable retryable) {
            Optional<Duration> retryAfter = retryable.retryAfter();
            if (retryAfter.isPresent()) {
                return Math.max(0, Math.min(retryAfter.get().toMillis(), MAX_RETRY_AFTER_MILLIS));
            }
        }
        return backoff;
    }

    /** This attempt's exponential wait with ±25 % jitter; doubles the next one, up to the cap. */
    private synchronized long backoff() {
        long base = nextBackoff;
        nextBackoff = Math.min(base * 2, MAX_BACKOFF_MILLIS);
        long jitter = base / 4;
        long delay = jitter == 0 ? base : base - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1);
        return Math.min(delay, MAX_BACKOFF_MILLIS);
    }
}
