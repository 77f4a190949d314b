package io.fxpipeline.messaging.alert;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.fxpipeline.messaging.guard.RepeatedLog;
import io.fxpipeline.messaging.publish.Publisher;
import io.fxpipeline.model.message.Message;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Announces stored alerts at least once. After the commit that stored them they are published in order and marked;
 * what did not go out (Redis down, slow or refusing) is sent by {@link #redeliver}, oldest first, once it is older
 * than {@code fx.alert-redelivery.after}, with the time it was decided (its {@code ts}) unchanged. An alert whose mark
 * was lost after it went out is sent again: subscribers may see it twice (the page shows it once), never not at all.
 * Only services that store alerts have it ({@code kit.alerts-api=true}).
 */
@ApplicationScoped
@IfBuildProperty(name = "kit.alerts-api", stringValue = "true")
public class AlertAnnouncer {

    /** Most alerts sent in one pass; a longer backlog goes out over the next passes. */
    static final int BATCH = 200;

    private final AlertOutbox<? extends Message> outbox;
    private final Publisher publisher;
    private final Pool pool;
    private final Duration after;
    private final Counter redelivered;
    /** Alerts the last pass found due and could not send: above 0 while Redis refuses or is down. */
    private final AtomicInteger unannounced = new AtomicInteger();
    private final Clock clock = Clock.systemUTC();
    private final RepeatedLog failures = new RepeatedLog(Duration.ofMinutes(1));

    public AlertAnnouncer(AlertOutbox<? extends Message> outbox, Publisher publisher, Pool pool, ServiceConfig config,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.pool = pool;
        this.after = config.alertRedelivery().after();
        this.redelivered = Counter.builder(config.meterPrefix() + ".alerts.redelivered")
                .description("stored alerts announced late, after Redis refused or missed them").register(meters);
        Gauge.builder("fx.alerts.unannounced", unannounced, AtomicInteger::get).tag("kind", "stored")
                .description("alerts due but not yet announced (Redis down or refusing)").register(meters);
    }

    /**
     * After the commit that stored them: publishes the alerts in order and marks those that went out. Fails with the
     * first failed publish; the alerts from there on stay for {@link #redeliver}.
     */
    public Uni<Void> announce(List<? extends StoredAlert<?>> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return send(alerts).call(sent -> outbox.markAnnounced(pool, sent.ids()))
                .chain(sent -> sent.failure() == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(sent.failure()));
    }

    /** Sends the alerts stored but not announced, in one transaction that holds their rows (other replicas skip them). */
    @Scheduled(identity = "alert-redelivery", every = "${fx.alert-redelivery.every}", delayed = "${fx.alert-redelivery.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> redeliver() {
        return pool.withTransaction(tx -> outbox.lockUnannounced(tx, clock.instant().minus(after), BATCH)
                        .chain(pending -> pending.isEmpty() ? Uni.createFrom().item(Sent.NONE).invoke(() -> unannounced.set(0))
                                : send(pending).call(sent -> outbox.markAnnounced(tx, sent.ids()))
                                        .invoke(sent -> report(pending, sent))))
                .onFailure().invoke(f -> failures.error("redelivery:" + f.getClass().getName(),
                        "stored alerts not redelivered (tried again in a moment): " + f.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void report(List<? extends StoredAlert<?>> pending, Sent sent) {
        unannounced.set(pending.size() - sent.ids().size());
        if (!sent.ids().isEmpty()) {
            redelivered.increment(sent.ids().size());
            Log.warnf("%d stored alert(s) on %s announced late (the oldest decided at %s): Redis had not taken them",
                    sent.ids().size(), outbox.channel(), pending.get(0).alert().ts());
        }
        if (sent.failure() != null) {
            failures.error("redelivery-publish", "%d stored alert(s) still not announced: %s"
                    .formatted(pending.size() - sent.ids().size(), sent.failure().getMessage()));
        }
    }

    /** The alerts that went out, in order, and the failure that stopped the rest (null: none). */
    private record Sent(List<Long> ids, Throwable failure) {
        static final Sent NONE = new Sent(List.of(), null);
    }

    private Uni<Sent> send(List<? extends StoredAlert<?>> alerts) {
        List<Long> ids = new ArrayList<>(alerts.size());
        return Multi.createFrom().iterable(alerts)
                .onItem().transformToUniAndConcatenate(stored -> publisher.publishAlert(outbox.channel(), stored.alert())
                        .invoke(() -> ids.add(stored.id())))
                .collect().last()
                .map(ignored -> new Sent(ids, null))
                .onFailure().recoverWithItem(f -> new Sent(ids, f));
    }
}
