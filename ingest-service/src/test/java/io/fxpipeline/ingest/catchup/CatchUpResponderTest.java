package io.fxpipeline.ingest.catchup;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.service.CandleIngestion;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.messaging.publish.Publisher;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.ReplayRequest;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two ingest replicas on one Redis: each replay request is answered once, by whichever claims it first. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class CatchUpResponderTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instant START = Instant.parse("2024-05-06T00:00:00Z");

    @Inject
    CandleIngestion ingestion;

    @Inject
    Pool pool;

    @Inject
    CandleRepository candles;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry meters;

    @Inject
    Publisher publisher;

    @Inject
    ReplayLimits limits;

    @Inject
    io.fxpipeline.model.signature.CandleSigner signer;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final MessageCodec codec = new MessageCodec();

    private double counted(String name) {
        return meters.counter(name).count();
    }

    @Test
    void aRequestSeenByTwoReplicasIsAnsweredOnce() {
        Pair pair = Pair.of("GBP_CHF");
        List<Candle> stored = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            BigDecimal p = new BigDecimal("1.14000").add(BigDecimal.valueOf(i, 5));
            stored.add(new Candle(START.plusSeconds(3600L * i), p, p, p, p, 10L));
        }
        ingestion.store(pair, Granularity.H1, "test", stored).await().atMost(WAIT);
        Channels channels = new Channels(config.prefix());
        // The application's responder is one replica; this is the second, on the same database and Redis.
        CatchUpResponder second = new CatchUpResponder(pool, candles, redis, publisher, codec, config, meters, limits,
                signer);
        second.onStart(null);
        double handledBefore = counted("fx.ingest.replays.answered") + counted("fx.ingest.replays.answered.elsewhere");
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.dataReady())) {
            redis.pubsub(String.class).publish(channels.replayRequests(), codec.encode(new ReplayRequest(Instant.now(),
                    "analytics-service", List.of(pair), Granularity.H1, null, 0L))).await().atMost(WAIT);

            await().atMost(WAIT).until(() -> counted("fx.ingest.replays.answered")
                    + counted("fx.ingest.replays.answered.elsewhere") == handledBefore + 2);
            await().atMost(WAIT).until(() -> answers(recorder, channels, pair).stream().anyMatch(m -> !m.hasMore()));
            List<CandlesReady> answer = answers(recorder, channels, pair);
            assertThat(answer).extracting(CandlesReady::hasMore).as("one answer: two chunks, not four").containsExactly(true, false);
            assertThat(answer.stream().flatMap(m -> m.candles().stream()).toList()).isEqualTo(stored);
        } finally {
            second.onStop(null);
        }
    }

    private List<CandlesReady> answers(ChannelRecorder recorder, Channels channels, Pair pair) {
        return recorder.payloads(channels.dataReady()).stream().map(codec::decode)
                .filter(m -> m instanceof CandlesReady c && c.pair().equals(pair) && c.isReplay())
                .map(m -> (CandlesReady) m).toList();
    }
}
