package io.fxpipeline.messaging.alert;

import io.fxpipeline.model.message.Message;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** An alert as the service that decided it stored it: its row, to mark it announced once it went out. */
public record StoredAlert<A extends Message>(long id, A alert) {

    /**
     * The {@code ts} of an alert decided now: to the microsecond, as PostgreSQL keeps it, so the message published at
     * once, a copy sent again from the table and {@code GET /alerts} are the same (the page shows a repeat once).
     */
    public static Instant decidedAt(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
