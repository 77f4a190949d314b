package io.fxpipeline.messaging.alert;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.fxpipeline.messaging.publish.Publisher;
import io.fxpipeline.model.message.SystemAlert;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Announces the pipeline's health on {@code system_alerts} (and the alerts stream), on a change of state only:
 * {@link #changed} remembers each subject's last state in this process and says nothing while it stays the same.
 * A failed announcement is logged, never fails the caller: the state is also in job_runs, metrics and logs.
 */
@ApplicationScoped
public class SystemAlerts {

    private final Publisher publisher;
    private final String service;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, SystemAlert.Kind> states = new ConcurrentHashMap<>();

    public SystemAlerts(Publisher publisher, ServiceConfig config) {
        this.publisher = publisher;
        this.service = config.service();
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
        return publisher.publishAlert(publisher.channels().systemAlerts(), alert)
                .onFailure().invoke(e -> Log.errorf("system alert %s %s not announced: %s", kind, subject, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
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
        };
    }
}
