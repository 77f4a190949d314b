package io.fxpipeline.correlation.inbound;

import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.job.MidnightFollower;
import io.fxpipeline.correlation.store.CloseRepository;
import io.fxpipeline.messaging.CandleStreamConsumer;
import io.fxpipeline.messaging.PositionStore;
import io.fxpipeline.messaging.health.LiveSubscription;
import io.fxpipeline.model.Channels;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;

/** Keeps correlation's own copy of the closes from data_ready, with the shared catch-up mechanism. */
@ApplicationScoped
public class CloseSubscriber implements LiveSubscription {

    static final String REQUESTER = "correlation-service";

    private final CandleStreamConsumer consumer;
    private final boolean serve;

    public CloseSubscriber(CorrelationConfig config, Channels channels, ReactiveRedisDataSource redis,
            PositionStore positions, CloseRepository closes, MeterRegistry meters, MidnightFollower midnights,
            io.fxpipeline.messaging.alert.SystemAlerts alerts, io.fxpipeline.model.signature.CandleVerifier verifier) {
        this.consumer = new CandleStreamConsumer(REQUESTER, config.pairs(), config.granularity(), channels, redis,
                positions, message -> closes.upsert(message.pair(), message.granularity(), message.candles())
                        .invoke(() -> midnights.stored(message.pair(), message.candles())),
                meters, config.meterPrefix(), config.catchupTimeout(), Clock.systemUTC(), alerts, verifier);
        this.serve = config.serve();
    }

    void onStart(@Observes StartupEvent event) {
        if (!serve) {
            return; // a one-off command works on the stored closes only
        }
        // Start-up waits for the subscription, so readiness and the first replay request are in place.
        consumer.start().await().atMost(Duration.ofSeconds(30));
        Log.info("receiving closes from data_ready");
    }

    void onStop(@Observes ShutdownEvent event) {
        if (!serve) {
            return;
        }
        consumer.stop().await().atMost(Duration.ofSeconds(5));
    }

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> askAgainForOverdueReplays() {
        if (!serve) {
            return Uni.createFrom().voidItem();
        }
        return consumer.requestOverdueReplays();
    }

    @Override
    public String channel() {
        return consumer.channel();
    }

    @Override
    public boolean alive() {
        return consumer.alive();
    }
}
