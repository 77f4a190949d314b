package io.fxpipeline.ingest.trust;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.service.CandleIngestion;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.ReplayRequest;
import io.fxpipeline.model.signature.CandleVerifier;
import io.fxpipeline.model.signature.SigningKeys;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code FX_CANDLE_SIGNING_KEY} set, every candles message ingest publishes on the real Redis carries a signature
 * that ingest's public key verifies: live messages and each page of a replay answer, the empty last page included.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(SignedCandlesTest.WithSigningKey.class)
class SignedCandlesTest {

    static final SigningKeys.Text KEYS = SigningKeys.generate();

    public static class WithSigningKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fx.trust.candle-signing-key", KEYS.privateKey());
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final CandleVerifier VERIFIER = CandleVerifier.of(KEYS.publicKey());

    @Inject
    CandleIngestion ingestion;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    IngestConfig config;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final MessageCodec codec = new MessageCodec();

    private List<CandlesReady> candleMessages(ChannelRecorder recorder, Pair pair) {
        return recorder.payloads(new Channels(config.prefix()).dataReady()).stream().map(codec::decode)
                .filter(m -> m instanceof CandlesReady c && c.pair().equals(pair)).map(m -> (CandlesReady) m).toList();
    }

    @Test
    void liveMessagesAndReplayPagesAreSignedWithIngestsKey() {
        Pair pair = Pair.of("NZD_JPY");
        List<Candle> stored = new ArrayList<>();
        Instant start = Instant.parse("2024-06-03T00:00:00Z");
        for (int i = 0; i < 1200; i++) { // over the test's 1,000 rows an answer and 500 a message: pages and chunks
            BigDecimal p = new BigDecimal("93.100").add(BigDecimal.valueOf(i, 3));
            stored.add(new Candle(start.plusSeconds(3600L * i), p, p.add(new BigDecimal("0.050")), p, p, 7L));
        }
        Channels channels = new Channels(config.prefix());
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.dataReady())) {
            ingestion.store(pair, Granularity.H1, "test", stored).await().atMost(WAIT);
            await().atMost(WAIT).until(() -> candleMessages(recorder, pair).stream().mapToInt(CandlesReady::count).sum() == 1200);
            List<CandlesReady> live = candleMessages(recorder, pair);
            assertThat(live).hasSizeGreaterThan(1).allSatisfy(m -> {
                assertThat(m.isReplay()).isFalse();
                assertThat(VERIFIER.verify(m)).isEqualTo(CandleVerifier.Verdict.VALID);
            });

            long seq = live.get(live.size() - 1).seq();
            ask(channels, pair, 0L);
            ask(channels, pair, seq); // nothing to replay: the empty last page is signed too
            await().atMost(WAIT).until(() -> replies(recorder, pair).stream().filter(r -> !r.hasMore()).count() == 2);
            List<CandlesReady> replies = replies(recorder, pair);
            assertThat(replies).anyMatch(r -> r.candles().isEmpty()).anyMatch(r -> r.throughSeq() != null)
                    .allSatisfy(r -> assertThat(VERIFIER.verify(r)).as("replay page %s", r.coveredSeq())
                            .isEqualTo(CandleVerifier.Verdict.VALID));
            // a replayed candle changed on the way no longer verifies
            CandlesReady first = replies.stream().filter(r -> !r.candles().isEmpty()).findFirst().orElseThrow();
            String tampered = codec.encode(first).replaceFirst("\"volume\":7", "\"volume\":8");
            assertThat(tampered).isNotEqualTo(codec.encode(first));
            assertThat(VERIFIER.verify(codec.decode(tampered, CandlesReady.class)))
                    .isEqualTo(CandleVerifier.Verdict.BAD_SIGNATURE);
        }
    }

    private List<CandlesReady> replies(ChannelRecorder recorder, Pair pair) {
        return candleMessages(recorder, pair).stream().filter(CandlesReady::isReplay).toList();
    }

    private void ask(Channels channels, Pair pair, Long sinceSeq) {
        redis.pubsub(String.class).publish(channels.replayRequests(), codec.encode(new ReplayRequest(Instant.now(),
                "page-test", List.of(pair), Granularity.H1, null, sinceSeq))).await().atMost(WAIT);
    }
}
