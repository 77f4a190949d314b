package io.fxpipeline.messaging;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.ReplayRequest;
import io.fxpipeline.model.sequence.Series;
import io.fxpipeline.testing.FxTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catch-up mechanism analytics and correlation share, against real Redis and PostgreSQL: what it applies,
 * what it asks ingest to replay, and what it persists.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class CandleStreamConsumerTest {

    private static final Pair PAIR = Pair.of("AUD_NZD");
    private static final Series SERIES = new Series(PAIR, Granularity.H1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final MessageCodec codec = new MessageCodec();
    private final List<CandlesReady> applied = new CopyOnWriteArrayList<>();
    private ConsumerUnderTest run;

    private ConsumerUnderTest.Servers servers() {
        return new ConsumerUnderTest.Servers(redis, pool, meters, redisHosts);
    }

    /** A consumer of AUD_NZD that applies every message. */
    private void start(String requester) {
        start(requester, List.of(PAIR), message -> {
            applied.add(message);
            return Uni.createFrom().voidItem();
        }, Duration.ofSeconds(2));
    }

    private void start(String requester, List<Pair> pairs, CandleStreamConsumer.Sink sink, Duration replayTimeout) {
        run = ConsumerUnderTest.start(servers(), requester, pairs, sink, "fx.test", replayTimeout);
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    private void publish(String payload) {
        run.publish(payload);
    }

    private static CandlesReady live(long seq, int hour) {
        BigDecimal p = new BigDecimal("1.07" + hour);
        return CandlesReady.live(Instant.now(), PAIR, Granularity.H1, seq, List.of(new Candle(
                Instant.parse("2024-03-04T00:00:00Z").plusSeconds(3600L * hour), p, p, p, p, 10L)));
    }

    private List<ReplayRequest> replayRequests() {
        return run.replayRequests();
    }

    private Long storedPosition() {
        return run.storedPosition(PAIR);
    }

    @Test
    void startUpAsksForEverythingWhenNothingIsKnown() {
        start("svc-a");
        await().atMost(WAIT).until(() -> !replayRequests().isEmpty());
        ReplayRequest first = replayRequests().get(0);
        assertThat(first.requester()).isEqualTo("svc-a");
        assertThat(first.pairs()).containsExactly(PAIR);
        assertThat(first.since()).isNull();
        assertThat(first.sinceSeq()).isNull();
    }

    @Test
    void startUpAsksExactlyFromThePersistedPosition() {
        new PositionStore(pool, KitApp.SCHEMA).save(SERIES, 41).await().atMost(WAIT);
        start("svc-b");
        await().atMost(WAIT).until(() -> !replayRequests().isEmpty());
        assertThat(replayRequests().get(0).sinceSeq()).isEqualTo(41L);
    }

    @Test
    void aGapAsksForTheMissingSequenceAndTheReplayClosesIt() {
        start("svc-c");
        // ingest answers the start-up request: everything up to seq 1
        publish(codec.encode(CandlesReady.replay(Instant.now(), PAIR, Granularity.H1, 1, "svc-c", false,
                live(1, 1).candles())));
        await().atMost(WAIT).until(() -> Long.valueOf(1).equals(storedPosition()));

        publish(codec.encode(live(4, 4)));
        await().atMost(WAIT).until(() -> replayRequests().stream().anyMatch(r -> Long.valueOf(1).equals(r.sinceSeq())));
        await().atMost(WAIT).until(() -> applied.size() == 2);
        assertThat(storedPosition()).as("a hole keeps the position where nothing is missing").isEqualTo(1L);

        CandlesReady answer = CandlesReady.replay(Instant.now(), PAIR, Granularity.H1, 4, "svc-c", false,
                List.of(live(2, 2).candles().get(0), live(3, 3).candles().get(0)));
        publish(codec.encode(answer));
        await().atMost(WAIT).until(() -> Long.valueOf(4).equals(storedPosition()));
        assertThat(run.consumer.openGaps()).isZero();
    }

    @Test
    void anUnansweredGapIsAskedAgainOnceOverdue() {
        start("svc-f");
        publish(codec.encode(CandlesReady.replay(Instant.now(), PAIR, Granularity.H1, 1, "svc-f", false,
                live(1, 1).candles())));
        await().atMost(WAIT).until(() -> Long.valueOf(1).equals(storedPosition()));
        publish(codec.encode(live(3, 3)));
        await().atMost(WAIT).until(() -> replayRequests().stream().filter(r -> r.sinceSeq() != null).count() == 1);

        run.consumer.requestOverdueReplays().await().atMost(WAIT);
        assertThat(replayRequests().stream().filter(r -> r.sinceSeq() != null).count())
                .as("not overdue yet: no second request").isEqualTo(1);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            run.consumer.requestOverdueReplays().await().atMost(WAIT);
            return replayRequests().stream().filter(r -> Long.valueOf(1).equals(r.sinceSeq())).count() == 2;
        });
    }

    @Test
    void badPayloadsAreCountedAndDroppedWhileGoodOnesFlow() {
        start("svc-d");
        double before = meters.counter("fx.test.messages.rejected", "reason", "$").count();
        publish("{\"v\":1,\"type\":\"candles\",");
        publish("not json at all");
        publish(codec.encode(live(1, 1)));
        await().atMost(WAIT).until(() -> applied.size() == 1);
        assertThat(meters.counter("fx.test.messages.rejected", "reason", "$").count()).isEqualTo(before + 2);
    }

    @Test
    void aLostConnectionIsResubscribedAndTriggersACatchUpRequest() {
        start("svc-e");
        await().atMost(WAIT).until(() -> replayRequests().size() == 1);
        // Kill every pub/sub connection but the recorder's own: what a Redis failover looks like to a client.
        redis.execute("CLIENT", "KILL", "TYPE", "pubsub").await().atMost(WAIT);
        run.recordReplaysAfresh();
        await().atMost(Duration.ofSeconds(20)).until(() -> !replayRequests().isEmpty());
        assertThat(run.consumer.alive()).isTrue();
        publish(codec.encode(live(1, 1)));
        await().atMost(WAIT).until(() -> applied.size() == 1);
    }

    @Test
    void aSlowPairDoesNotHoldUpAnotherAndEachPairStaysInOrder() {
        Pair other = Pair.of("NZD_JPY");
        java.util.concurrent.CompletableFuture<Void> slowAudNzd = new java.util.concurrent.CompletableFuture<>();
        start("svc-lanes", List.of(PAIR, other), message -> {
                    applied.add(message);
                    // AUD_NZD's first message takes as long as the test says; the others are instant
                    return message.pair().equals(PAIR) && message.seq() == 1
                            ? Uni.createFrom().completionStage(slowAudNzd) : Uni.createFrom().voidItem();
                }, Duration.ofSeconds(30));

        publish(codec.encode(live(1, 1)));
        publish(codec.encode(live(2, 2)));
        BigDecimal p = new BigDecimal("160.1");
        publish(codec.encode(CandlesReady.live(Instant.now(), other, Granularity.H1, 1,
                List.of(new Candle(Instant.parse("2024-03-04T01:00:00Z"), p, p, p, p, 10L)))));

        // NZD_JPY is applied while AUD_NZD's first message is still being handled; AUD_NZD's second waits its turn
        await().atMost(WAIT).until(() -> applied.stream().anyMatch(m -> m.pair().equals(other)));
        assertThat(applied).extracting(m -> m.pair().name() + "#" + m.seq()).containsExactly("AUD_NZD#1", "NZD_JPY#1");

        slowAudNzd.complete(null);
        await().atMost(WAIT).until(() -> applied.size() == 3);
        assertThat(applied).extracting(m -> m.pair().name() + "#" + m.seq())
                .containsExactly("AUD_NZD#1", "NZD_JPY#1", "AUD_NZD#2");
    }
    @Test
    void aMessageTheSinkCannotStoreIsNotConfirmedButReplayed() {
        // The store refuses live seq 2 every time (as a database that is down would); everything else is stored.
        start("svc-g", List.of(PAIR), message -> {
                    if (!message.isReplay() && message.seq() == 2) {
                        return Uni.createFrom().failure(new IllegalStateException("connection refused"));
                    }
                    applied.add(message);
                    return Uni.createFrom().voidItem();
                }, Duration.ofSeconds(30));
        double failedBefore = meters.counter("fx.test.candle.messages.failed").count();
        publish(codec.encode(CandlesReady.replay(Instant.now(), PAIR, Granularity.H1, 1, "svc-g", false,
                live(1, 1).candles())));
        await().atMost(WAIT).until(() -> Long.valueOf(1).equals(storedPosition()));

        publish(codec.encode(live(2, 2)));
        publish(codec.encode(live(3, 3)));
        await().atMost(WAIT).until(() -> replayRequests().stream().anyMatch(r -> Long.valueOf(1).equals(r.sinceSeq())));
        await().atMost(WAIT).until(() -> applied.stream().anyMatch(m -> m.seq() == 3));
        assertThat(meters.counter("fx.test.candle.messages.failed").count()).isEqualTo(failedBefore + 1);
        assertThat(storedPosition()).as("nothing is confirmed past the message that was not stored").isEqualTo(1L);
        assertThat(run.consumer.openGaps()).isOne();

        // ingest's answer brings seq 2's candle back; now the position moves on
        publish(codec.encode(CandlesReady.replay(Instant.now(), PAIR, Granularity.H1, 3, "svc-g", false,
                List.of(live(2, 2).candles().get(0), live(3, 3).candles().get(0)))));
        await().atMost(WAIT).until(() -> Long.valueOf(3).equals(storedPosition()));
        assertThat(run.consumer.openGaps()).isZero();
        assertThat(applied).filteredOn(CandlesReady::isReplay).last()
                .satisfies(m -> assertThat(m.candles().get(0).time()).isEqualTo(live(2, 2).candles().get(0).time()));
    }

    @Test
    void aMessageWhoseDataCannotBeStoredIsRejectedNotReplayedForever() {
        // seq 2 carries data the store refuses (as a check constraint would): replaying it could never help
        start("svc-h", List.of(PAIR), message -> {
                    if (message.seq() == 2) {
                        return Uni.createFrom().failure(new IllegalArgumentException("close must be positive"));
                    }
                    applied.add(message);
                    return Uni.createFrom().voidItem();
                }, Duration.ofSeconds(30));
        double rejectedBefore = meters.counter("fx.test.messages.rejected", "reason", "unprocessable").count();
        publish(codec.encode(CandlesReady.replay(Instant.now(), PAIR, Granularity.H1, 1, "svc-h", false,
                live(1, 1).candles())));
        publish(codec.encode(live(2, 2)));
        publish(codec.encode(live(3, 3)));

        await().atMost(WAIT).until(() -> Long.valueOf(3).equals(storedPosition()));
        assertThat(meters.counter("fx.test.messages.rejected", "reason", "unprocessable").count()).isEqualTo(rejectedBefore + 1);
        assertThat(replayRequests()).as("only the start-up request").noneMatch(r -> r.sinceSeq() != null);
        assertThat(run.consumer.openGaps()).isZero();
    }

    @Test
    void aHandlerThatFallsBehindHoldsAtMostTheCapAndTheRestIsDropped() {
        Channels channels = new Channels("catchup-" + UUID.randomUUID().toString().substring(0, 6) + ":");
        java.util.concurrent.CompletableFuture<Void> slow = new java.util.concurrent.CompletableFuture<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        ChannelSubscription subscription = subscribed(channels, payload -> {
            handled.add(payload);
            return Uni.createFrom().completionStage(slow);
        }, payload -> payload.startsWith("other") ? null : "", 2, Long.MAX_VALUE, 1);
        try {
            for (int i = 1; i <= 5; i++) {
                // not for this subscriber (a null key): dropped on arrival, never a place in the queue nor "dropped"
                send(channels, "other" + i);
                send(channels, "m" + i);
            }
            // m1 in the handler, m2 waiting: the cap; m3..m5 dropped
            await().atMost(WAIT).until(() -> subscription.dropped() == 3);
            assertThat(handled).containsExactly("m1");
            slow.complete(null);
            await().atMost(WAIT).until(() -> handled.size() == 2);
            send(channels, "m6");
            await().atMost(WAIT).until(() -> handled.size() == 3);
            assertThat(handled).containsExactly("m1", "m2", "m6");
        } finally {
            subscription.stop().await().atMost(WAIT);
        }
    }

    /** The heap bound: what waits is capped in characters too, and the first payload is taken however large. */
    @Test
    void aHandlerThatFallsBehindHoldsAtMostTheCharacterCap() {
        Channels channels = new Channels("chars-" + UUID.randomUUID().toString().substring(0, 6) + ":");
        java.util.concurrent.CompletableFuture<Void> slow = new java.util.concurrent.CompletableFuture<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        ChannelSubscription subscription = subscribed(channels, payload -> {
            handled.add(payload);
            return handled.size() == 1 ? Uni.createFrom().completionStage(slow) : Uni.createFrom().voidItem();
        }, payload -> "", 1000, 25, 1);
        try {
            String big = "b".repeat(40);
            send(channels, big);
            // 40 characters in the handler, over the cap on its own: each payload after it is dropped
            for (int i = 1; i <= 3; i++) {
                send(channels, "m" + i + "xxxxxxxx");
            }
            await().atMost(WAIT).until(() -> subscription.dropped() == 3);
            assertThat(handled).containsExactly(big);
            slow.complete(null);
            // released: 10-character payloads fit two at a time again
            send(channels, "m4xxxxxxxx");
            send(channels, "m5xxxxxxxx");
            await().atMost(WAIT).until(() -> handled.size() == 3);
            assertThat(handled).containsExactly(big, "m4xxxxxxxx", "m5xxxxxxxx");
            assertThat(subscription.dropped()).isEqualTo(3);
        } finally {
            subscription.stop().await().atMost(WAIT);
        }
    }

    /** A subscription of its own on {@code channels}' data_ready, started. */
    private ChannelSubscription subscribed(Channels channels, java.util.function.Function<String, Uni<Void>> handler,
            java.util.function.Function<String, String> orderKey, int maxPending, long maxPendingChars, int loops) {
        ChannelSubscription subscription = new ChannelSubscription(redis, channels.dataReady(), handler, orderKey,
                () -> { }, maxPending, maxPendingChars, loops);
        subscription.start().await().atMost(WAIT);
        return subscription;
    }

    private void send(Channels channels, String payload) {
        redis.pubsub(String.class).publish(channels.dataReady(), payload).await().atMost(WAIT);
    }

    @Test
    void lanesAreSpreadOverEventLoopsAndEachKeepsItsOrder() {
        Channels channels = new Channels("lanes-" + UUID.randomUUID().toString().substring(0, 6) + ":");
        java.util.Map<String, List<String>> handled = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<String, java.util.Set<String>> threads = new java.util.concurrent.ConcurrentHashMap<>();
        ChannelSubscription subscription = subscribed(channels, payload -> {
                    String lane = payload.substring(0, 1);
                    handled.computeIfAbsent(lane, k -> new CopyOnWriteArrayList<>()).add(payload);
                    threads.computeIfAbsent(lane, k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                            .add(Thread.currentThread().getName());
                    // asynchronous like a database call: the next payload of the lane waits for it
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1));
                }, payload -> payload.substring(0, 1), 1000, Long.MAX_VALUE, 2);
        try {
            List<String> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                for (String lane : List.of("a", "b", "c", "d")) {
                    sent.add(lane + i);
                }
            }
            for (String payload : sent) {
                send(channels, payload);
            }
            await().atMost(WAIT).until(() -> handled.values().stream().mapToInt(List::size).sum() == sent.size());
            for (String lane : List.of("a", "b", "c", "d")) {
                assertThat(handled.get(lane)).as(lane).containsExactlyElementsOf(
                        sent.stream().filter(p -> p.startsWith(lane)).toList());
            }
            // every payload is handed to the handler on its lane's loop: two loops, the four lanes split between them
            java.util.Set<String> loops = new java.util.TreeSet<>();
            threads.values().forEach(loops::addAll);
            assertThat(loops).allMatch(name -> name.startsWith("vert.x-eventloop-thread-")).hasSize(2);
        } finally {
            subscription.stop().await().atMost(WAIT);
        }
    }
}
