package io.fxpipeline.analytics.service;

import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Each pair's stored alert state as of its last commit, so a message that extends a series decides its alert without
 * reading the state first. Like {@link RecentWindows}: set after a commit or read with the window, dropped on any
 * failure. The one-statement write still checks it against the stored row.
 */
@ApplicationScoped
public class KnownAlertStates {

    private final ConcurrentMap<Pair, Optional<Severity>> states = new ConcurrentHashMap<>();

    /** Empty when not known; a known "no severity" is {@code Optional.of(Optional.empty())}. */
    Optional<Optional<Severity>> get(Pair pair) {
        return Optional.ofNullable(states.get(pair));
    }

    void put(Pair pair, Optional<Severity> state) {
        states.put(pair, state);
    }

    void forget(Pair pair) {
        states.remove(pair);
    }
}
