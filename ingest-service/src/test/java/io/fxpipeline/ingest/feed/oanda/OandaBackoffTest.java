package io.fxpipeline.ingest.feed.oanda;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The waits between OANDA attempts: Retry-After when OANDA sent one, otherwise capped exponential backoff. */
class OandaBackoffTest {

    private static OandaException.Retryable rateLimited(Duration retryAfter) {
        return new OandaException.Retryable(429, "Rate limit exceeded", null, retryAfter);
    }

    private static OandaBackoff started(long initialDelay) {
        OandaBackoff backoff = new OandaBackoff();
        backoff.init(initialDelay);
        return backoff;
    }

    @Test
    void aRetryAfterIsWaitedExactly() {
        assertThat(started(300).nextDelayInMillis(rateLimited(Duration.ofSeconds(45)))).isEqualTo(45_000);
    }

    @Test
    void aRetryAfterIsCappedAtAMinute() {
        assertThat(started(300).nextDelayInMillis(rateLimited(Duration.ofSeconds(3600))))
                .isEqualTo(OandaBackoff.MAX_RETRY_AFTER_MILLIS);
    }

    @Test
    void withoutRetryAfterTheDelayDoublesWithJitterUpToTheCap() {
        OandaBackoff backoff = started(300);
        long[] bases = {300, 600, 1200, 2400, 4800, 9600, 10_000, 10_000};
        Throwable[] causes = {rateLimited(null), new IOException("reset"), new TimeoutException("slow")};
        for (int i = 0; i < bases.length; i++) {
            long delay = backoff.nextDelayInMillis(causes[i % causes.length]);
            assertThat(delay).as("retry %d", i + 1)
                    .isBetween(bases[i] * 3 / 4, Math.min(bases[i] * 5 / 4, OandaBackoff.MAX_BACKOFF_MILLIS));
        }
    }

    @Test
    void aRetryAfterDoesNotResetTheBackoff() {
        OandaBackoff backoff = started(1000);
        backoff.nextDelayInMillis(rateLimited(Duration.ofSeconds(5)));
        assertThat(backoff.nextDelayInMillis(new IOException("reset"))).isBetween(1500L, 2500L);
    }

    @Test
    void isBuiltTheWaySmallRyeBuildsIt() throws ReflectiveOperationException {
        // one instance per invocation through the public no-argument constructor (reflection; native images too)
        Object instance = OandaBackoff.class.getConstructor().newInstance();
        assertThat(instance).isInstanceOf(io.smallrye.faulttolerance.api.CustomBackoffStrategy.class);
    }
}
