package io.fxpipeline.messaging.rest;

import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;

/** A service's stored alerts, as {@link AlertResource} serves them: the records published on its alert channel. */
public interface AlertHistory<A> {

    /**
     * Alerts raised at or after {@code since} (oldest first), or the newest {@code limit} when {@code since} is null;
     * only those of {@code pair} when it is not null.
     */
    Uni<List<A>> find(Instant since, Pair pair, int limit);
}
