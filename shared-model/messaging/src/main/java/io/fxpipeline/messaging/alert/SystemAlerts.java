package io.fxpipeline.messaging.alert;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.fxpipeline.messaging.guard.RepeatedLog;
import io.fxpipeline.messaging.publish.Publisher;
import io.fxpipeline.model.message.SystemAlert;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Announces the pipeline's health on {@code system_alerts} (and the alerts stream), on a change of state only:
 * {@link #changed} remembers each subject's last state in this process and says nothing while it stays the same.
 * An announcement Redis does not take (down or refusing: often the very problem announced) waits in memory, in
 * order, with the alerts after it, and goes out as decided when Redis takes it again (tried at once with each new
 * one, and every {@code fx.alert-redelivery.every} by {@code SystemAlertResend}); at most {@link #MAX_UNSENT} wait,
 * the oldest dropped first. It never fails the caller: the state is also in job_runs, metrics and logs.
 */
@ApplicationScoped
public class SystemAlerts {

    /** Most announcements kept while Redis does not take them. */
    static final int MAX_UNSENT = 100;

    private final Publisher publisher;
    private final String service;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, SystemAlert.Kind> states = new ConcurrentHashMap<>();
    private final Deque<SystemAlert> unsent = new ConcurrentLinkedDeque<>();
    /** One drain at a time, so the alerts go out in the order they were decided. */
    private final AtomicBoolean draining = new AtomicBoolean();
    private final RepeatedLog failures = new RepeatedLog(Duration.ofMinutes(1));

    public SystemAlerts(Publisher publisher, ServiceConfig config, MeterRegistry meters) {
        this.publisher = publisher;
        this.service = config.service();
        Gauge.builder("fx.alerts.unannounced", unsent, Deque::size).tag("kind", "system")
                .description("alerts due but not yet announced (Redis down or refusing)").register(meters);
    }

    /**
     * Announces {@code kind} for {@code subject} unless it is the subject's state already. A first "good" state
     * (recovered, fresh, closed) is not news and is only remembered.
     */
    public Uni<Void> changed(SystemAlert.Kind kind, String subject, String message) {
        SystemAlert.Kind before = states.put(subject + "|" + family(kind), kind);
        if (before == kind || before == null && isGood(kind)) {
            return Uni.createFrom().voidItem();
        }
        return announce(kind, subject, message);
    }

    /** Forgets {@code subject}'s state for {@code kind} silently, so the next {@link #changed} to it is news again. */
    public void forget(SystemAlert.Kind kind, String subject) {
        states.remove(subject + "|" + family(kind));
    }

    /** Announces once per occurrence (OANDA rejecting the token is news every time a run meets it). */
    public Uni<Void> announce(SystemAlert.Kind kind, String subject, String message) {
        // a job's error can be longer than the contract's message (a long upstream answer): cut, never lost
        SystemAlert alert = new SystemAlert(clock.instant(), service, kind, subject, SystemAlert.fit(message));
        if (isGood(kind)) {
            Log.infof("system alert: %s %s", kind, subject);
        } else {
            Log.warnf("system alert: %s %s: %s", kind, subject, message);
        }
        unsent.addLast(alert);
        while (unsent.size() > MAX_UNSENT) {
            SystemAlert dropped = unsent.pollFirst();
            Log.errorf("system alert %s %s of %s dropped: Redis has not taken the %d after it", dropped.kind(),
                    dropped.subject(), dropped.ts(), MAX_UNSENT);
        }
        return drain();
    }

    /** Sends what Redis did not take before, oldest first (scheduled by the kit's {@code SystemAlertResend}). */
    public Uni<Void> resend() {
        int waiting = unsent.size();
        if (waiting == 0) {
            return Uni.createFrom().voidItem();
        }
        SystemAlert oldest = unsent.peekFirst();
        return drain().invoke(() -> {
            int sent = waiting - unsent.size();
            if (sent > 0) {
                Log.warnf("%d system alert(s) announced late (the oldest decided at %s): Redis had not taken them",
                        sent, oldest.ts());
            }
        });
    }

    private Uni<Void> drain() {
        if (!draining.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem(); // the drain under way sends it
        }
        return sendNext();
    }

    private Uni<Void> sendNext() {
        SystemAlert next = unsent.peekFirst();
        if (next == null) {
            draining.set(false);
            // one added between the look and the release is sent now, not at the next schedule
            return unsent.isEmpty() ? Uni.createFrom().voidItem() : drain();
        }
        return publisher.publishAlert(publisher.channels().systemAlerts(), next)
                .onItem().transformToUni(x -> {
                    unsent.remove(next);
                    return sendNext();
                })
                .onFailure().recoverWithUni(e -> {
                    draining.set(false);
                    failures.error("system-alert:" + e.getClass().getName(),
                            "system alert %s %s not announced yet (%d waiting): %s"
                                    .formatted(next.kind(), next.subject(), unsent.size(), e.getMessage()));
                    return Uni.createFrom().voidItem();
                });
    }

    private static boolean isGood(SystemAlert.Kind kind) {
        return switch (kind) {
            case JOB_RECOVERED, PAIR_FRESH, CATCHUP_HOLE_CLOSED -> true;
            default -> false;
        };
    }

    /** The two states of one question share a key, so "failed" then "recovered" is a change. */
    private static String family(SystemAlert.Kind kind) {
        return switch (kind) {
            case JOB_FAILED, JOB_RECOVERED -> "job";
            case PAIR_STALE, PAIR_FRESH -> "pair";
            case CATCHUP_HOLE_OPEN, CATCHUP_HOLE_CLOSED -> "catchup";
            case TOKEN_REJECTED -> "token";
            case REPLAY_ENDED -> "replay";
        };
    }
}
