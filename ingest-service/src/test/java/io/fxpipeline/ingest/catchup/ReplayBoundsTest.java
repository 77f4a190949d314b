package io.fxpipeline.ingest.catchup;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.service.CandleIngestion;
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
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11's replay reproductions against real Redis and PostgreSQL (test bounds: 1,000 rows an answer, 5 requests a
 * minute per requester): answers are paged, empty answers still state the series' number, unknown requesters and
 * floods are refused, and claims live in one bounded key.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class ReplayBoundsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    CandleIngestion ingestion;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final MessageCodec codec = new MessageCodec();

    private List<Candle> hours(Instant start, int n) {
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal p = new BigDecimal("0.91000").add(BigDecimal.valueOf(i, 5));
            candles.add(new Candle(start.plusSeconds(3600L * i), p, p, p, p, 10L));
        }
        return candles;
    }

    private void ask(String requester, Pair pair, Long sinceSeq) {
        redis.pubsub(String.class).publish(new Channels(config.prefix()).replayRequests(), codec.encode(new ReplayRequest(
                Instant.now(), requester, List.of(pair), Granularity.H1, null, sinceSeq))).await().atMost(WAIT);
    }

    private List<CandlesReady> answers(ChannelRecorder recorder, Pair pair, String requester) {
        return recorder.payloads(new Channels(config.prefix()).dataReady()).stream().map(codec::decode)
                .filter(m -> m instanceof CandlesReady c && c.pair().equals(pair) && requester.equals(c.replayFor()))
                .map(m -> (CandlesReady) m).toList();
    }

    private double refused(String reason) {
        var counter = meters.find("fx.ingest.replays.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aLargeReplayIsPagedAndTheRequesterIsToldHowFarEachPageGoes() {
        Pair pair = Pair.of("EUR_AUD");
        Instant start = Instant.parse("2024-06-03T00:00:00Z");
        for (int store = 0; store < 3; store++) { // three stores of 500: seq 1, 2, 3
            ingestion.store(pair, Granularity.H1, "test", hours(start.plusSeconds(3600L * 500 * store), 500))
                    .await().atMost(WAIT);
        }
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, new Channels(config.prefix()).dataReady())) {
            ask("page-test", pair, 0L);
            await().atMost(WAIT).until(() -> answers(recorder, pair, "page-test").stream().anyMatch(m -> !m.hasMore()));
            List<CandlesReady> first = answers(recorder, pair, "page-test");
            // whole sequence numbers while fewer than 1,000 rows were taken: seq 1 and 2, 1,000 candles
            assertThat(first.stream().mapToInt(m -> m.candles().size()).sum()).isEqualTo(1000);
            CandlesReady last = first.get(first.size() - 1);
            assertThat(last.seq()).isEqualTo(3);
            assertThat(last.throughSeq()).isEqualTo(2);

            ask("page-test", pair, 2L);
            await().atMost(WAIT).until(() -> answers(recorder, pair, "page-test").size() > first.size());
            CandlesReady next = answers(recorder, pair, "page-test").get(first.size());
            assertThat(next.candles()).hasSize(500);
            assertThat(next.throughSeq()).as("the last page goes all the way").isNull();
            assertThat(next.coveredSeq()).isEqualTo(3);
        }
    }

    @Test
    void anAnswerWithNothingToSendStillStatesTheSeriesNumber() {
        Pair pair = Pair.of("USD_CAD");
        ingestion.store(pair, Granularity.H1, "test", hours(Instant.parse("2024-06-03T00:00:00Z"), 2)).await().atMost(WAIT);
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, new Channels(config.prefix()).dataReady())) {
            ask("empty-test", pair, 999_999_999L); // what a consumer asks after a forged seq
            await().atMost(WAIT).until(() -> !answers(recorder, pair, "empty-test").isEmpty());
            CandlesReady answer = answers(recorder, pair, "empty-test").get(0);
            assertThat(answer.candles()).isEmpty();
            assertThat(answer.hasMore()).isFalse();
            assertThat(answer.seq()).isEqualTo(1);
        }
    }

    @Test
    void unknownRequestersAndFloodsAreRefused() {
        Pair pair = Pair.of("EUR_CHF");
        ingestion.store(pair, Granularity.H1, "test", hours(Instant.parse("2024-06-03T00:00:00Z"), 3)).await().atMost(WAIT);
        double unknown = refused("unknown_requester");
        double limited = refused("rate_limited");
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, new Channels(config.prefix()).dataReady())) {
            ask("mallory-" + UUID.randomUUID(), pair, 0L);
            for (int i = 0; i < 8; i++) {
                ask("rate-test", pair, (long) i % 2); // distinct payloads (ts differs), so none is a duplicate claim
            }
            await().atMost(WAIT).until(() -> refused("rate_limited") == limited + 3);
            await().atMost(WAIT).until(() -> answers(recorder, pair, "rate-test").size() == 5);
            assertThat(refused("unknown_requester")).isEqualTo(unknown + 1);
            assertThat(recorder.payloads(new Channels(config.prefix()).dataReady()))
                    .noneMatch(p -> p.contains("mallory-"));
        }
    }

    @Test
    void claimsLiveInOneBoundedKey() {
        String key = "claims-test-" + UUID.randomUUID() + ":replay:claims";
        ReplayClaims claims = new ReplayClaims(redis, key, Duration.ofMinutes(10), 100);
        try {
            for (int i = 0; i < 150; i++) {
                assertThat(claims.claim("digest-" + i).await().atMost(WAIT)).isTrue();
            }
            assertThat(claims.claim("digest-149").await().atMost(WAIT)).as("a second claim of one request").isFalse();
            assertThat(redis.execute("ZCARD", key).await().atMost(WAIT).toLong()).isEqualTo(100);
            assertThat(redis.execute("PTTL", key).await().atMost(WAIT).toLong()).isPositive();
        } finally {
            redis.execute("DEL", key).await().atMost(WAIT);
        }
    }
}
