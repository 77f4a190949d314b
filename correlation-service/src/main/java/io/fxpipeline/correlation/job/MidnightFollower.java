package io.fxpipeline.correlation.job;

import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.service.CorrelationHistory;
import io.fxpipeline.correlation.service.CorrelationRun;
import io.fxpipeline.correlation.store.CloseRepository;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daily run follows the data (docs: README "Market time"): when a pair's candles cross 00:00 UTC, live, replayed
 * or backfilled, the run as of that midnight happens once every tracked pair has crossed it, or when no further
 * pair has crossed it for {@code CORRELATION_DAILY_SETTLE}. The newest midnight of a batch gets the full daily run
 * (alerts, cache, data_ready); older ones (a backfill, an outage) are built as history. On start, and from the
 * 00:00 UTC safety net, every midnight the stored data has crossed but no matrix covers is caught up. A midnight
 * whose run found the lock taken or failed is pending again, and run soon after.
 */
@ApplicationScoped
public class MidnightFollower {

    /** After a failed run (the database away, say), when its midnights are tried again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(60);

    private final CorrelationConfig config;
    private final CloseRepository closes;
    private final Pool pool;
    private final CorrelationRun run;
    private final CorrelationHistory history;
    private final Clock clock = Clock.systemUTC();
    private final boolean enabled;

    /** Newest candle open time seen per pair. */
    private final Map<Pair, Instant> newest = new HashMap<>();
    /** Midnights crossed by some pairs but not run yet: which pairs crossed, and when the last one did. */
    private final NavigableMap<Instant, Crossing> pending = new TreeMap<>();
    private volatile Instant catchUpAt;
    /** When candles were last stored: a catch-up waits for the stream to go quiet, not to race a backfill. */
    private volatile Instant lastStored;

    private static final class Crossing {
        final Set<Pair> pairs = new HashSet<>();
        Instant lastChange;
    }

    public MidnightFollower(CorrelationConfig config, CloseRepository closes, Pool pool, CorrelationRun run,
            CorrelationHistory history) {
        this.config = config;
        this.closes = closes;
        this.pool = pool;
        this.run = run;
        this.history = history;
        this.enabled = config.dailyEnabled() && config.serve();
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            // Wait one settle period first: the subscriber's start-up replay may still be delivering the last hours.
            catchUpAt = clock.instant().plus(config.dailySettle());
        }
    }

    /** Whether a catch-up (start-up or safety net) is still to run. */
    boolean catchUpDue() {
        return catchUpAt != null;
    }

    /**
     * Midnights whose run found the lock taken (an on-demand run, another replica's build) or failed go back to the
     * pending set, ready again after {@code delay}: they are run then, not at the next start or safety net. (Not
     * through a catch-up: that waits for the candles to go quiet, which a feed playing faster than the settle
     * period never does.)
     */
    synchronized void requeue(List<Instant> midnights, Duration delay) {
        // ready once lastChange + settle has passed (no pair will cross these midnights again)
        Instant readyFrom = clock.instant().plus(delay).minus(config.dailySettle());
        for (Instant m : midnights) {
            Crossing crossing = pending.computeIfAbsent(m, k -> new Crossing());
            if (crossing.lastChange == null || crossing.lastChange.isBefore(readyFrom)) {
                crossing.lastChange = readyFrom;
            }
        }
    }

    /** Whether a midnight is waiting for its run (tests). */
    synchronized boolean isPending(Instant midnight) {
        return pending.containsKey(midnight);
    }

    /** The 00:00 UTC safety net: catch up any midnight the data crossed whose run did not happen. */
    public void catchUpSoon() {
        catchUpAt = clock.instant();
    }

    /** After a message's candles are stored: note the midnights they cross. Cheap; never blocks. */
    public void stored(Pair pair, List<Candle> candles) {
        if (!enabled || candles.isEmpty()) {
            return;
        }
        crossed(pair, candles.get(0).time(), candles.get(candles.size() - 1).time(), clock.instant());
    }

    synchronized void crossed(Pair pair, Instant firstOpen, Instant lastOpen, Instant now) {
        lastStored = now;
        Instant previous = newest.get(pair);
        if (previous != null && !lastOpen.isAfter(previous)) {
            return; // older candles (a correction or a replay) move no midnight
        }
        newest.put(pair, lastOpen);
        Instant from = previous != null ? previous : firstOpen;
        Instant oldest = lastOpen.truncatedTo(ChronoUnit.DAYS).minus(config.historyDays() - 1L, ChronoUnit.DAYS);
        for (Instant m = from.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS); !m.isAfter(lastOpen);
                m = m.plus(1, ChronoUnit.DAYS)) {
            if (m.isBefore(oldest)) {
                continue;
            }
            Crossing crossing = pending.computeIfAbsent(m, k -> new Crossing());
            if (crossing.pairs.add(pair)) {
                crossing.lastChange = now;
            }
        }
    }

    /** Midnights whose run may go ahead now, oldest first; they leave the pending set. */
    synchronized List<Instant> takeReady(Instant now) {
        List<Instant> ready = new ArrayList<>();
        pending.entrySet().removeIf(e -> {
            Crossing c = e.getValue();
            boolean go = c.pairs.size() >= config.pairs().size()
                    || !c.lastChange.plus(config.dailySettle()).isAfter(now);
            if (go) {
                ready.add(e.getKey());
            }
            return go;
        });
        return ready;
    }

    @Scheduled(identity = "daily-correlation-follower", every = "1s", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = io.fxpipeline.messaging.job.Skip.DailyOff.class)
    Uni<Void> tick() {
        Instant now = clock.instant();
        Instant due = catchUpAt;
        Uni<Void> catchUp = Uni.createFrom().voidItem();
        Instant quietSince = lastStored == null ? null : lastStored.plus(config.dailySettle());
        if (due != null && !due.isAfter(now)) {
            if (quietSince != null && quietSince.isAfter(now)) {
                catchUpAt = quietSince; // candles are arriving (a backfill, the start-up replay): wait for quiet
            } else {
                catchUpAt = null;
                catchUp = catchUp();
            }
        }
        List<Instant> ready = takeReady(now);
        return catchUp.chain(() -> runMidnights(ready))
                .onFailure().invoke(e -> {
                    Log.errorf(e, "daily correlation run failed; it is tried again in %d s", RETRY_AFTER_FAILURE.toSeconds());
                    requeue(ready, RETRY_AFTER_FAILURE);
                    if (catchUpAt == null) {
                        catchUpAt = clock.instant().plus(RETRY_AFTER_FAILURE); // the catch-up may be what failed
                    }
                })
                .onFailure().recoverWithNull();
    }

    /** Every midnight the stored closes crossed, up to CORRELATION_HISTORY_DAYS back, that has no matrix. */
    public Uni<Void> catchUp() {
        return closes.spans(pool, config.pairs(), config.granularity()).chain(spans -> {
            if (spans.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Instant newestOpen = spans.values().stream().map(CloseRepository.Span::newest).max(Instant::compareTo).orElseThrow();
            Instant oldestOpen = spans.values().stream().map(CloseRepository.Span::oldest).min(Instant::compareTo).orElseThrow();
            synchronized (this) {
                spans.forEach((pair, span) -> newest.merge(pair, span.newest(), (a, b) -> a.isAfter(b) ? a : b));
            }
            Instant last = newestOpen.truncatedTo(ChronoUnit.DAYS);
            Instant first = oldestOpen.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
            Instant floor = last.minus(config.historyDays() - 1L, ChronoUnit.DAYS);
            return runMidnights(CorrelationHistory.midnights(first.isBefore(floor) ? floor : first, last));
        });
    }

    /** All but the newest as history (no alerts), the newest as the daily run; stored ones are left alone. */
    private Uni<Void> runMidnights(List<Instant> midnights) {
        if (midnights.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant newestMidnight = midnights.get(midnights.size() - 1);
        Uni<Void> older = midnights.size() == 1 ? Uni.createFrom().voidItem()
                : history.build(midnights.get(0), midnights.get(midnights.size() - 2), false)
                        .invoke(built -> {
                            if (JobRuns.lockTaken(built.status(), built.message())) {
                                requeue(midnights.subList(0, midnights.size() - 1), config.dailySettle());
                            }
                        }).replaceWithVoid();
        return older.chain(() -> history.stored(newestMidnight, newestMidnight))
                .chain(stored -> stored.isEmpty() ? run.runAsOf(newestMidnight)
                        .invoke(s -> Log.infof("daily correlation run %d as of %s: %s, %d entries with a value, %d best pairs, %d alerts%s",
                                s.runId(), s.asOf(), s.status(), s.withValue(), s.bestPairs(), s.alerts(),
                                s.message() == null ? "" : " - " + s.message()))
                        .invoke(s -> {
                            if (JobRuns.lockTaken(s.status(), s.message())) {
                                requeue(List.of(newestMidnight), config.dailySettle());
                            }
                        })
                        .replaceWithVoid() : Uni.createFrom().voidItem());
    }
}
