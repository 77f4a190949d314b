package io.fxpipeline.dashboard.relay;

import io.fxpipeline.dashboard.StreamChannel;
import io.fxpipeline.dashboard.StreamMessage;
import io.fxpipeline.dashboard.snapshot.SnapshotReader;
import io.fxpipeline.dashboard.stream.ClientRegistry;
import io.fxpipeline.dashboard.stream.StreamMetrics;
import io.fxpipeline.messaging.ChannelSubscription;
import io.fxpipeline.messaging.health.LiveSubscriptions;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Redis subscription per channel for the whole service ({@code data_ready} carries three stream channels),
 * each message checked once and fanned out to the clients. After a correlation run it reads the new matrix and
 * ranking from the cache once and sends them to the correlation subscribers too.
 */
@ApplicationScoped
public class ChannelRelay implements LiveSubscriptions {

    private final ReactiveRedisDataSource redis;
    private final ClientRegistry clients;
    private final SnapshotReader snapshots;
    private final StreamMetrics metrics;
    private final MessageClassifier classifier;
    private final Map<String, Set<StreamChannel>> carriedBy = new LinkedHashMap<>();
    /** Set once on start; read by readiness from other threads. */
    private volatile List<ChannelSubscription> subscriptions = List.of();

    public ChannelRelay(ReactiveRedisDataSource redis, Channels channels, MessageClassifier classifier,
            ClientRegistry clients, SnapshotReader snapshots, StreamMetrics metrics) {
        this.redis = redis;
        this.clients = clients;
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.classifier = classifier;
        for (StreamChannel channel : StreamChannel.values()) {
            carriedBy.computeIfAbsent(channel.redisChannel(channels), k -> EnumSet.noneOf(StreamChannel.class))
                    .add(channel);
        }
    }

    void start(@Observes StartupEvent event) {
        List<ChannelSubscription> all = new ArrayList<>();
        carriedBy.forEach((redisChannel, carried) -> all.add(new ChannelSubscription(redis, redisChannel,
                payload -> relay(redisChannel, carried, payload), () -> { })));
        subscriptions = List.copyOf(all);
        Multi.createFrom().iterable(subscriptions).onItem().transformToUniAndConcatenate(ChannelSubscription::start)
                .collect().last().await().atMost(Duration.ofSeconds(20));
    }

    void stop(@Observes ShutdownEvent event) {
        Multi.createFrom().iterable(subscriptions).onItem().transformToUniAndConcatenate(ChannelSubscription::stop)
                .collect().last().await().atMost(Duration.ofSeconds(5));
    }

    /** One per Redis channel; the service kit's readiness check reports each. */
    @Override
    public List<ChannelSubscription> subscriptions() {
        return subscriptions;
    }

    private Uni<Void> relay(String redisChannel, Set<StreamChannel> carried, String payload) {
        Optional<StreamMessage> message;
        try {
            message = classifier.classify(carried, payload);
        } catch (MalformedMessageException e) {
            metrics.rejected(redisChannel);
            Log.warnf("message on %s not forwarded: %s", redisChannel, e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (message.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        clients.publish(message.get());
        if (message.get().channel() != StreamChannel.CORRELATION) {
            return Uni.createFrom().voidItem();
        }
        return snapshots.correlation()
                .invoke(frames -> frames.forEach(clients::publish))
                .onFailure().invoke(f -> Log.warnf("new correlation matrix not read from the cache: %s", f.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
