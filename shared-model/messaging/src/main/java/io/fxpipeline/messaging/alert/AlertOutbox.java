package io.fxpipeline.messaging.alert;

import io.fxpipeline.model.message.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.time.Instant;
import java.util.List;

/**
 * A service's alert table seen as an outbox. Each alert is stored in the transaction that decided it, announced after
 * the commit (its channel, then the {@code alerts} stream) and then marked. One that could not be announced (Redis
 * unreachable, slow or refusing) stays unmarked, and {@link AlertAnnouncer} sends it when Redis answers again.
 */
public interface AlertOutbox<A extends Message> {

    /** The channel these alerts go out on, prefix applied. */
    String channel();

    /**
     * In {@code tx}: the oldest alerts not yet announced and decided before {@code before}, locked until {@code tx}
     * ends ({@code FOR UPDATE SKIP LOCKED}: another replica sending the same backlog skips them).
     */
    Uni<List<StoredAlert<A>>> lockUnannounced(SqlClient tx, Instant before, int limit);

    /** Marks alerts as announced. */
    Uni<Void> markAnnounced(SqlClient client, List<Long> ids);
}
