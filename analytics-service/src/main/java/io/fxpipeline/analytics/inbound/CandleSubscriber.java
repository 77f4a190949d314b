package io.fxpipeline.analytics.inbound;

import io.fxpipeline.analytics.config.AnalyticsConfig;
import io.fxpipeline.analytics.service.MetricsPipeline;
import io.fxpipeline.messaging.CandleStreamConsumer;
import io.fxpipeline.messaging.PositionStore;
import io.fxpipeline.messaging.alert.SystemAlerts;
import io.fxpipeline.messaging.health.LiveSubscription;
import io.fxpipeline.model.Channels;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;

/** Feeds data_ready candles into the metrics pipeline, with the shared catch-up mechanism. */
@ApplicationScoped
public class CandleSubscriber implements LiveSubscription {

    static final String REQUESTER = "analytics-service";

    private final CandleStreamConsumer consumer;

    public CandleSubscriber(AnalyticsConfig config, Channels channels, ReactiveRedisDataSource redis,
            PositionStore positions, MetricsPipeline pipeline, MeterRegistry meters, SystemAlerts alerts,
            io.fxpipeline.model.signature.CandleVerifier verifier) {
        this.consumer = new CandleStreamConsumer(REQUESTER, config.pairs(), config.granularity(), channels, redis,
                positions, pipeline::apply, meters, config.meterPrefix(), config.catchupTimeout(), Clock.systemUTC(),
                alerts, verifier);
    }

    void onStart(@Observes StartupEvent event) {
        consumer.start().await().atMost(Duration.ofSeconds(30));
    }

    void onStop(@Observes ShutdownEvent event) {
        consumer.stop().await().atMost(Duration.ofSeconds(5));
    }

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> askAgainForOverdueReplays() {
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
