package io.fxpipeline.ingest.feed.oanda;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last time OANDA rejected the token (401 or 403), so a job that meets it stops asking for its other pairs at
 * once (no storm of doomed requests) and says why in job_runs and on system_alerts.
 */
@ApplicationScoped
public class TokenRejections {

    /** One rejection: when, and OANDA's answer (never the token). */
    public record Rejection(Instant at, String message) {
    }

    private final AtomicReference<Rejection> last = new AtomicReference<>();
    private final Clock clock = Clock.systemUTC();

    /** Notes {@code e} when it is a rejection of the token. */
    public void observe(Throwable e) {
        if (e instanceof OandaException.Rejected r && (r.status() == 401 || r.status() == 403)) {
            last.set(new Rejection(clock.instant(), r.getMessage()));
        }
    }

    /** The rejection met at or after {@code since}, if any. */
    public Optional<Rejection> since(Instant since) {
        Rejection r = last.get();
        return r != null && !r.at().isBefore(since) ? Optional.of(r) : Optional.empty();
    }
}
