package io.fxpipeline.messaging.guard;

import io.quarkus.logging.Log;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a repeated failure once per interval with how often it happened, instead of once per occurrence: during an
 * outage a tick that fails for every pair would otherwise write a stack trace per pair per tick. The first
 * occurrence of a key is logged at once; later ones within the interval are counted and reported with the next
 * one logged. Keys are the failure's kind (e.g. the exception class and message), so the set stays small.
 */
public final class RepeatedLog {

    private record Window(Instant since, long suppressed) {
    }

    private static final int MAX_KEYS = 1000;

    private final Duration interval;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RepeatedLog(Duration interval) {
        this(interval, Clock.systemUTC());
    }

    public RepeatedLog(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /** Logs {@code message} at ERROR unless the same key was logged within the interval; answers whether it was. */
    public boolean error(String key, String message) {
        return log(Logger.Level.ERROR, key, message);
    }

    /** The same at WARN: something refused or left out, not a failure of the service. */
    public boolean warn(String key, String message) {
        return log(Logger.Level.WARN, key, message);
    }

    private boolean log(Logger.Level level, String key, String message) {
        Instant now = clock.instant();
        if (windows.size() > MAX_KEYS) {
            windows.clear(); // a flood of distinct keys: start over rather than grow
        }
        long[] suppressed = {-1};
        windows.compute(key, (k, w) -> {
            if (w == null || !now.isBefore(w.since().plus(interval))) {
                suppressed[0] = w == null ? 0 : w.suppressed();
                return new Window(now, 0);
            }
            return new Window(w.since(), w.suppressed() + 1);
        });
        if (suppressed[0] < 0) {
            return false;
        }
        Log.log(level, suppressed[0] == 0 ? message
                : message + " (and " + suppressed[0] + " more like it in the last " + interval.toSeconds() + " s)");
        return true;
    }
}
