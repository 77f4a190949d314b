package io.fxpipeline.messaging;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.ReplayRequest;
import io.fxpipeline.model.signature.CandleVerifier;
import io.fxpipeline.testing.ChannelRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A {@link CandleStreamConsumer} as the kit's consumer tests run one: on a channel prefix of its own (so earlier
 * tests' consumers and positions never interfere), over the kit's test schema, with a recorder of the replay
 * requests it sends. Closing it stops both and forgets the positions it stored.
 */
final class ConsumerUnderTest implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** The servers and meters every consumer of a test class shares (its injected beans). */
    record Servers(ReactiveRedisDataSource redis, Pool pool, MeterRegistry meters, String redisHosts) {
    }

    final Channels channels;
    final CandleStreamConsumer consumer;
    private ChannelRecorder replays;
    private final Servers servers;

    private ConsumerUnderTest(Servers servers, String requester, List<Pair> pairs, CandleStreamConsumer.Sink sink,
            String metricPrefix, Duration replayTimeout, CandleVerifier verifier) {
        this.servers = servers;
        this.channels = new Channels("catchup-" + UUID.randomUUID().toString().substring(0, 6) + ":");
        this.replays = ChannelRecorder.subscribe(servers.redisHosts(), channels.replayRequests());
        this.consumer = new CandleStreamConsumer(requester, pairs, Granularity.H1, channels, servers.redis(),
                new PositionStore(servers.pool(), KitApp.SCHEMA), sink, servers.meters(), metricPrefix, replayTimeout,
                Clock.systemUTC(), null, verifier);
    }

    /** Starts a consumer of {@code pairs} (H1) that hands each message to {@code sink}; meters under {@code metricPrefix}. */
    static ConsumerUnderTest start(Servers servers, String requester, List<Pair> pairs, CandleStreamConsumer.Sink sink,
            String metricPrefix, Duration replayTimeout) {
        return start(servers, requester, pairs, sink, metricPrefix, replayTimeout, CandleVerifier.none());
    }

    /** The same, refusing candle messages {@code verifier} does not accept. */
    static ConsumerUnderTest start(Servers servers, String requester, List<Pair> pairs, CandleStreamConsumer.Sink sink,
            String metricPrefix, Duration replayTimeout, CandleVerifier verifier) {
        ConsumerUnderTest run = new ConsumerUnderTest(servers, requester, pairs, sink, metricPrefix, replayTimeout,
                verifier);
        run.consumer.start().await().atMost(WAIT);
        return run;
    }

    /** Publishes {@code payload} on the consumer's data_ready channel, as ingest would. */
    void publish(String payload) {
        servers.redis().pubsub(String.class).publish(channels.dataReady(), payload).await().atMost(WAIT);
    }

    /** The replay requests the consumer has sent so far, oldest first. */
    List<ReplayRequest> replayRequests() {
        return replays.decoded(channels.replayRequests(), ReplayRequest.class);
    }

    /** Forgets the requests recorded so far and records on a fresh connection (after connections were killed). */
    void recordReplaysAfresh() {
        replays.close();
        replays = ChannelRecorder.subscribe(servers.redisHosts(), channels.replayRequests());
    }

    /** The confirmed sequence number stored for {@code pair}, or null when none is. */
    Long storedPosition(Pair pair) {
        var rows = servers.pool().preparedQuery("SELECT confirmed FROM " + KitApp.SCHEMA + ".consumer_positions WHERE pair = $1")
                .execute(Tuple.of(pair.name())).await().atMost(WAIT);
        return rows.size() == 0 ? null : rows.iterator().next().getLong(0);
    }

    @Override
    public void close() {
        try {
            consumer.stop().await().atMost(WAIT);
        } finally {
            replays.close();
            servers.pool().query("DELETE FROM " + KitApp.SCHEMA + ".consumer_positions").execute().await().atMost(WAIT);
        }
    }
}
