package io.fxpipeline.messaging.rest;

import io.smallrye.mutiny.Uni;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Expensive on-demand work (a recompute of a pair) runs once per key at a time in this process: a second request
 * while it runs answers 409 instead of queuing another copy of the same work.
 */
public final class InFlight {

    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public <T> Uni<T> exclusive(String key, String what, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (!running.add(key)) {
                return Uni.createFrom().failure(new Problems.Conflict(what + " is already running; try again when it has finished"));
            }
            return Uni.createFrom().<T>deferred(work::get).eventually(() -> running.remove(key));
        });
    }
}
