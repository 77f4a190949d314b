package io.fxpipeline.messaging.publish;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

/** The one publisher, through real Redis: contract messages on the prefixed channel, large batches in order in chunks. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class PublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pair PAIR = Pair.of("EUR_USD");

    @Inject
    Publisher publisher;

    @Inject
    MessageCodec codec;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @Test
    void channelsCarryTheConfiguredPrefix() {
        assertThat(publisher.channels().dataReady()).isEqualTo(prefix + "data_ready");
    }

    @Test
    void aBatchTravelsInOrderInChunksOfAtMostTheContractsLimitTheLastMarked() {
        List<Candle> candles = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 2 * CandlesReady.MAX_CANDLES + 1; i++) {
            BigDecimal p = new BigDecimal("1.10000").add(BigDecimal.valueOf(i, 5));
            candles.add(new Candle(start.plusSeconds(3600L * i), p, p, p, p, 1L));
        }
        String channel = publisher.channels().dataReady();
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channel)) {
            publisher.publishChunked(channel, candles, (chunk, last) -> CandlesReady.replay(Instant.now(), PAIR,
                    Granularity.H1, 7, "kit-test", !last, chunk)).await().atMost(WAIT);

            await().atMost(WAIT).until(() -> recorder.payloads(channel).size() == 3);
            List<CandlesReady> received = recorder.payloads(channel).stream()
                    .map(json -> codec.decode(json, CandlesReady.class)).toList();
            assertThat(received).extracting(CandlesReady::count)
                    .containsExactly(CandlesReady.MAX_CANDLES, CandlesReady.MAX_CANDLES, 1);
            assertThat(received).extracting(CandlesReady::hasMore).containsExactly(true, true, false);
            assertThat(received.stream().flatMap(m -> m.candles().stream()).toList()).isEqualTo(candles);
        }
    }

    @Test
    void nothingToPublishSendsNothing() {
        assertThat(Publisher.chunks(List.of())).isEmpty();
        assertThat(Publisher.chunks(List.of(1, 2, 3))).containsExactly(List.of(1, 2, 3));
    }
}
