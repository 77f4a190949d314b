package io.fxpipeline.analytics.ingest;

import io.fxpipeline.analytics.config.AnalyticsConfig;
import io.fxpipeline.analytics.service.MetricsPipeline;
import io.fxpipeline.messaging.CandleStreamConsumer;
import io.fxpipeline.messaging.PositionStore;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;

/** Feeds data_ready candles into the metrics pipeline, with the shared catch-up mechanism. */
@ApplicationScoped
public class CandleSubscriber {

    static final String REQUESTER = "analytics-service";

    private final CandleStreamConsumer consumer;

    public CandleSubscriber(AnalyticsConfig config, ReactiveRedisDataSource redis, Pool pool, MetricsPipeline pipeline,
            MeterRegistry meters) {
        this.consumer = new CandleStreamConsumer(REQUESTER, config.pairs(), config.granularity(), new Channels(config.prefix()),
                redis, new PositionStore(pool, "analytics"), pipeline::apply, meters, "fx.analytics",
                config.replayTimeout(), Clock.systemUTC());
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

    public boolean alive() {
        return consumer.alive();
    }
}
