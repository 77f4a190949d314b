package io.fxpipeline.messaging;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11's phantom hole, against real Redis and PostgreSQL: a forged {@code seq: 999999999} used to make the
 * consumer ask for a replay every timeout forever. Ingest's (here: hand-published) answer states the series'
 * number; the hole above it is closed, logged and counted, and nothing is asked again. Also: a start-up request
 * nobody answers is asked again every replay timeout.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class PhantomGapTest {

    private static final Pair PAIR = Pair.of("AUD_NZD");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(1);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final MessageCodec codec = new MessageCodec();
    private ConsumerUnderTest run;
    private CandleStreamConsumer consumer;

    private void start(String requester) {
        run = ConsumerUnderTest.start(new ConsumerUnderTest.Servers(redis, pool, meters, redisHosts), requester,
                List.of(PAIR), message -> Uni.createFrom().voidItem(), "fx.phantomtest", REPLAY_TIMEOUT);
        consumer = run.consumer;
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    private void publish(CandlesReady message) {
        run.publish(codec.encode(message));
    }

    private static CandlesReady live(long seq) {
        BigDecimal p = new BigDecimal("1.0712");
        return CandlesReady.live(Instant.now(), PAIR, Granularity.H1, seq,
                List.of(new Candle(Instant.parse("2024-03-04T05:00:00Z"), p, p, p, p, 10L)));
    }

    private List<ReplayRequest> requests() {
        return run.replayRequests();
    }

    private double phantoms() {
        var counter = meters.find("fx.phantomtest.phantom.gaps").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aForgedSequenceNumberStopsBeingAskedForOnceIngestAnswers() {
        start("svc-phantom");
        publish(CandlesReady.replay(Instant.now(), PAIR, Granularity.H1, 10, "svc-phantom", false, live(10).candles()));
        await().atMost(WAIT).until(() -> consumer.openGaps() == 0 && requests().size() == 1);
        double before = phantoms();

        publish(live(999_999_999));
        await().atMost(WAIT).until(() -> requests().stream().anyMatch(r -> Long.valueOf(10).equals(r.sinceSeq())));
        assertThat(consumer.openGaps()).isEqualTo(1);
        // ingest holds nothing after 10: its answer is empty and says the series is at 10
        publish(CandlesReady.replay(Instant.now(), PAIR, Granularity.H1, 10, "svc-phantom", false, List.of()));
        await().atMost(WAIT).until(() -> consumer.openGaps() == 0);
        assertThat(phantoms()).isEqualTo(before + 1);

        int asked = requests().size();
        await().pollDelay(REPLAY_TIMEOUT.multipliedBy(2)).atMost(WAIT).until(() -> {
            consumer.requestOverdueReplays().await().atMost(WAIT);
            return true;
        });
        assertThat(requests()).as("nothing asked again after the timeout").hasSize(asked);
    }

    @Test
    void anUnansweredStartUpRequestIsAskedAgainUntilAnswered() {
        start("svc-startup");
        await().atMost(WAIT).until(() -> requests().size() == 1);
        await().atMost(WAIT).until(() -> {
            consumer.requestOverdueReplays().await().atMost(WAIT);
            return requests().size() >= 3;
        });
        assertThat(requests()).allMatch(r -> r.requester().equals("svc-startup") && r.pairs().equals(List.of(PAIR)));
        publish(CandlesReady.replay(Instant.now(), PAIR, Granularity.H1, 0, "svc-startup", false, List.of()));
        await().atMost(WAIT).until(() -> {
            int asked = requests().size();
            consumer.requestOverdueReplays().await().atMost(WAIT);
            return requests().size() == asked; // the answer arrived: overdue asks no more
        });
        int asked = requests().size();
        await().pollDelay(REPLAY_TIMEOUT.multipliedBy(2)).atMost(WAIT).until(() -> {
            consumer.requestOverdueReplays().await().atMost(WAIT);
            return true;
        });
        assertThat(requests()).hasSize(asked);
    }
}
