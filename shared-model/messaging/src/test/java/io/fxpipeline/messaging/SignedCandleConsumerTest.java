package io.fxpipeline.messaging;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.signature.CandleSigner;
import io.fxpipeline.model.signature.CandleVerifier;
import io.fxpipeline.model.signature.SigningKeys;
import io.fxpipeline.testing.FxTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
 * A consumer holding ingest's public key, over real Redis: candle messages signed by another key, unsigned, or
 * tampered with after signing are rejected and counted, never applied, and their sequence numbers open no hole (no
 * replay is asked for them); ingest's signed messages, live and replayed, are applied.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class SignedCandleConsumerTest {

    private static final Pair PAIR = Pair.of("EUR_CHF");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SigningKeys.Text INGEST = SigningKeys.generate();
    private static final CandleSigner SIGNER = CandleSigner.of(INGEST.privateKey());

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final io.fxpipeline.model.codec.MessageCodec codec = new io.fxpipeline.model.codec.MessageCodec();
    private final List<CandlesReady> applied = new CopyOnWriteArrayList<>();
    private ConsumerUnderTest run;
    private String meterPrefix;

    private void start(String requester) {
        meterPrefix = "fx.signed" + UUID.randomUUID().toString().substring(0, 4);
        run = ConsumerUnderTest.start(new ConsumerUnderTest.Servers(redis, pool, meters, redisHosts), requester,
                List.of(PAIR), message -> {
                    applied.add(message);
                    return io.smallrye.mutiny.Uni.createFrom().voidItem();
                }, meterPrefix, Duration.ofSeconds(30), CandleVerifier.of(INGEST.publicKey()));
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

    private static CandlesReady live(long seq, int hour, String close) {
        BigDecimal p = new BigDecimal(close);
        return CandlesReady.live(Instant.now(), PAIR, Granularity.H1, seq, List.of(new Candle(
                Instant.parse("2024-03-04T00:00:00Z").plusSeconds(3600L * hour), p, p, p, p, 10L)));
    }

    private double rejected(String reason) {
        return meters.counter(meterPrefix + ".messages.rejected", "reason", reason).count();
    }

    private List<io.fxpipeline.model.message.ReplayRequest> replayRequests() {
        return run.replayRequests();
    }

    @Test
    void forgedUnsignedAndTamperedCandlesAreRejectedAndCountedWhileIngestsAreApplied() {
        start("signed-a");
        await().atMost(WAIT).until(() -> !replayRequests().isEmpty()); // the start-up request
        // ingest answers it: seq 1, signed
        publish(codec.encode(SIGNER.sign(CandlesReady.replay(Instant.now(), PAIR, Granularity.H1, 1, "signed-a", false,
                live(1, 1, "0.95100").candles()))));
        await().atMost(WAIT).until(() -> applied.size() == 1);
        int requestsBefore = replayRequests().size();

        // another publisher's key, a forged far-away seq that would open a hole, and a plausible price
        publish(codec.encode(CandleSigner.of(SigningKeys.generate().privateKey()).sign(live(999_999_999, 2, "0.95200"))));
        // no signature at all
        publish(codec.encode(live(2, 2, "0.95200")));
        // ingest's signed message with its close changed on the way
        String tampered = codec.encode(SIGNER.sign(live(2, 2, "0.95200"))).replace("0.95200", "5.0");
        assertThat(tampered).contains("\"c\":\"5.0\"");
        publish(tampered);
        // then ingest's own next message: applied, in order, with nothing of the others
        publish(codec.encode(SIGNER.sign(live(2, 2, "0.95250"))));

        await().atMost(WAIT).until(() -> applied.size() == 2);
        assertThat(applied.get(1).candles().get(0).close()).isEqualByComparingTo("0.95250");
        assertThat(rejected("bad_signature")).isEqualTo(2.0);
        assertThat(rejected("unsigned")).isEqualTo(1.0);
        assertThat(applied).allSatisfy(m -> assertThat(m.candles()).allSatisfy(c ->
                assertThat(c.close()).isLessThan(BigDecimal.ONE)));
        assertThat(run.consumer.openGaps()).as("a rejected seq never opens a hole").isZero();
        assertThat(replayRequests()).as("nothing is asked for again").hasSize(requestsBefore);
    }
}
