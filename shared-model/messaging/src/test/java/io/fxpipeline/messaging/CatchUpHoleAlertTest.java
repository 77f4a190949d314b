package io.fxpipeline.messaging;

import io.fxpipeline.messaging.alert.SystemAlerts;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.signature.CandleVerifier;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.testing.ChannelRecorder;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A catch-up hole that no replay fills is announced once on system_alerts after three catch-up timeouts, and once
 * more when a replay closes it; against real Redis, with the consumer's clock moved by the test (no waiting).
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class CatchUpHoleAlertTest {

    private static final Pair PAIR = Pair.of("NZD_JPY");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String REQUESTER = "svc-holes";

    /** The consumer's clock: the test moves it, so "three timeouts later" takes no time. */
    private static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2031-03-04T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry meters;

    @Inject
    SystemAlerts alerts;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    private final MessageCodec codec = new MessageCodec();
    private final TestClock clock = new TestClock();
    private final List<CandlesReady> applied = new CopyOnWriteArrayList<>();
    private CandleStreamConsumer consumer;
    private ChannelRecorder systemAlerts;

    @AfterEach
    void stop() {
        consumer.stop().await().atMost(WAIT);
        systemAlerts.close();
        pool.query("DELETE FROM " + KitApp.SCHEMA + ".consumer_positions").execute().await().atMost(WAIT);
    }

    private static Candle candle(int hour) {
        BigDecimal p = new BigDecimal("80.1" + hour);
        return new Candle(Instant.parse("2024-03-04T00:00:00Z").plusSeconds(3600L * hour), p, p, p, p, 10L);
    }

    private List<SystemAlert> holeAlerts() {
        return systemAlerts.payloads(new Channels(prefix).systemAlerts()).stream()
                .map(json -> codec.decode(json, SystemAlert.class))
                .filter(a -> a.subject().equals(REQUESTER + " " + PAIR + "/H1")).toList();
    }

    /** One periodic check (what the services' 10 s schedule calls), the clock moved on by {@code step} first. */
    private void check(Duration step) {
        clock.now = clock.now.plus(step);
        consumer.requestOverdueReplays().await().atMost(WAIT);
    }

    @Test
    void aHoleNoReplayFillsIsAnnouncedOnceAndItsClosingOnce() {
        // the data_ready channels of their own, the system_alerts channel of the app (SystemAlerts publishes there)
        Channels own = new Channels("holes-" + UUID.randomUUID().toString().substring(0, 6) + ":");
        systemAlerts = ChannelRecorder.subscribe(redisHosts, new Channels(prefix).systemAlerts());
        consumer = new CandleStreamConsumer(REQUESTER, List.of(PAIR), Granularity.H1, own, redis,
                new PositionStore(pool, KitApp.SCHEMA), message -> {
                    applied.add(message);
                    return Uni.createFrom().voidItem();
                }, meters, "fx.test", TIMEOUT, clock, alerts, CandleVerifier.none());
        consumer.start().await().atMost(WAIT);
        redis.pubsub(String.class).publish(own.dataReady(), codec.encode(CandlesReady.replay(clock.now, PAIR,
                Granularity.H1, 1, REQUESTER, false, List.of(candle(1))))).await().atMost(WAIT);
        await().atMost(WAIT).until(() -> applied.size() == 1);

        // seq 3 arrives, seq 2 never does, and nobody answers the replay requests
        redis.pubsub(String.class).publish(own.dataReady(), codec.encode(CandlesReady.live(clock.now, PAIR,
                Granularity.H1, 3, List.of(candle(3))))).await().atMost(WAIT);
        await().atMost(WAIT).until(() -> applied.size() == 2);
        assertThat(consumer.openGaps()).isEqualTo(1);

        check(Duration.ZERO); // the check that first sees the hole
        check(TIMEOUT.multipliedBy(2));
        assertThat(holeAlerts()).as("open for two timeouts: not news yet").isEmpty();
        check(TIMEOUT);
        await().atMost(WAIT).until(() -> holeAlerts().size() == 1);
        for (int i = 0; i < 5; i++) {
            check(TIMEOUT);
        }
        SystemAlert open = holeAlerts().get(0);
        assertThat(open.kind()).isEqualTo(SystemAlert.Kind.CATCHUP_HOLE_OPEN);
        assertThat(open.service()).isEqualTo("kit");
        assertThat(open.message()).contains("2031-03-04T10:00:00Z", "PT1M30S");

        // ingest answers at last: the hole closes, announced once
        redis.pubsub(String.class).publish(own.dataReady(), codec.encode(CandlesReady.replay(clock.now, PAIR,
                Granularity.H1, 3, REQUESTER, false, List.of(candle(2), candle(3))))).await().atMost(WAIT);
        await().atMost(WAIT).until(() -> consumer.openGaps() == 0);
        check(Duration.ofSeconds(10));
        await().atMost(WAIT).until(() -> holeAlerts().size() == 2);
        check(TIMEOUT);
        check(TIMEOUT);
        // a last message on the channel marks the end: everything before it has been delivered (one connection, in order)
        alerts.announce(SystemAlert.Kind.JOB_FAILED, "end-marker-" + REQUESTER, "test").await().atMost(WAIT);
        await().atMost(WAIT).until(() -> systemAlerts.payloads(new Channels(prefix).systemAlerts()).stream()
                .anyMatch(p -> p.contains("end-marker-" + REQUESTER)));
        assertThat(holeAlerts()).extracting(SystemAlert::kind)
                .containsExactly(SystemAlert.Kind.CATCHUP_HOLE_OPEN, SystemAlert.Kind.CATCHUP_HOLE_CLOSED);
    }
}
