package io.fxpipeline.ingest.service;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.ReplayRequest;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Storage, sequence numbers, data_ready messages and replay answers against real PostgreSQL and Redis. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class CandleIngestionTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instant START = Instant.parse("2024-03-04T00:00:00Z");

    @Inject
    CandleIngestion ingestion;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final MessageCodec codec = new MessageCodec();

    static List<Candle> candles(int from, int count) {
        List<Candle> list = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            BigDecimal o = new BigDecimal("1.10000").add(BigDecimal.valueOf(i, 5));
            list.add(new Candle(START.plusSeconds(3600L * i), o, o.add(new BigDecimal("0.00050")),
                    o.subtract(new BigDecimal("0.00040")), o.add(new BigDecimal("0.00010")), 100L + i));
        }
        return list;
    }

    private List<CandlesReady> received(ChannelRecorder recorder, Pair pair) {
        return recorder.payloads(new Channels(prefix).dataReady()).stream()
                .map(p -> codec.decode(p)).filter(m -> m instanceof CandlesReady c && c.pair().equals(pair))
                .map(m -> (CandlesReady) m).toList();
    }

    private CandleIngestion.Result store(Pair pair, List<Candle> candles) {
        return ingestion.store(pair, Granularity.H1, "test", candles).await().atMost(WAIT);
    }

    @Test
    void aReFetchChangesNothingAndACorrectionTakesTheNextSequenceNumber() {
        Pair pair = Pair.of("EUR_GBP");
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, new Channels(prefix).dataReady())) {
            assertThat(store(pair, candles(0, 3)).stored()).isEqualTo(3);
            assertThat(store(pair, candles(0, 3)).stored()).as("same hours again").isZero();
            Candle old = candles(1, 1).get(0);
            Candle corrected = new Candle(old.time(), old.open(), old.high(), old.low(), new BigDecimal("1.10015"), 999L);
            assertThat(store(pair, List.of(candles(0, 1).get(0), corrected, candles(2, 1).get(0))).stored()).isEqualTo(1);

            await().atMost(WAIT).until(() -> received(recorder, pair).size() == 2);
            List<CandlesReady> messages = received(recorder, pair);
            assertThat(messages.get(0).seq()).isEqualTo(1);
            assertThat(messages.get(0).candles()).isEqualTo(candles(0, 3));
            assertThat(messages.get(1).seq()).isEqualTo(2);
            assertThat(messages.get(1).candles()).containsExactly(corrected);
        }
        var row = pool.preparedQuery("SELECT close, volume, seq FROM ingest.candles WHERE pair = $1 AND time = $2")
                .execute(Tuple.of("EUR_GBP", START.plusSeconds(3600).atOffset(java.time.ZoneOffset.UTC)))
                .await().atMost(WAIT).iterator().next();
        assertThat(row.getBigDecimal(0)).isEqualByComparingTo("1.10015");
        assertThat(row.getLong(1)).isEqualTo(999L);
        assertThat(row.getLong(2)).isEqualTo(2L);
    }

    @Test
    void largeStoresAreChunkedWithContiguousSequenceNumbers() {
        Pair pair = Pair.of("CAD_JPY");
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, new Channels(prefix).dataReady())) {
            assertThat(store(pair, candles(0, 1200)).stored()).isEqualTo(1200);
            await().atMost(WAIT).until(() -> received(recorder, pair).size() == 3);
            assertThat(received(recorder, pair)).extracting(CandlesReady::seq).containsExactly(1L, 2L, 3L);
            assertThat(received(recorder, pair)).extracting(m -> m.candles().size()).containsExactly(500, 500, 200);
        }
    }

    @Test
    void replayRequestsAreAnsweredExactlyForTheRequester() {
        Pair pair = Pair.of("NZD_JPY");
        store(pair, candles(0, 10));   // seq 1
        store(pair, candles(10, 600)); // seq 2 and 3
        Channels channels = new Channels(prefix);
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.dataReady())) {
            redis.pubsub(String.class).publish(channels.replayRequests(), "{\"v\":1,\"type\":\"replay_request\"")
                    .await().atMost(WAIT);
            redis.pubsub(String.class).publish(channels.replayRequests(), codec.encode(new ReplayRequest(Instant.now(),
                    "analytics-test", List.of(pair), Granularity.H1, null, 1L))).await().atMost(WAIT);
            await().atMost(WAIT).until(() -> received(recorder, pair).stream().anyMatch(m -> !m.hasMore()));
            List<CandlesReady> answer = received(recorder, pair);
            assertThat(answer).allMatch(m -> "analytics-test".equals(m.replayFor()) && m.seq() == 3);
            assertThat(answer).extracting(CandlesReady::hasMore).containsExactly(true, false);
            assertThat(answer.stream().mapToInt(m -> m.candles().size()).sum()).isEqualTo(600);
            assertThat(answer.get(0).candles().get(0)).isEqualTo(candles(10, 1).get(0));
        }
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.dataReady())) {
            redis.pubsub(String.class).publish(channels.replayRequests(), codec.encode(new ReplayRequest(Instant.now(),
                    "correlation-test", List.of(pair), Granularity.H1, START.plusSeconds(3600L * 605), null)))
                    .await().atMost(WAIT);
            await().atMost(WAIT).until(() -> !received(recorder, pair).isEmpty());
            assertThat(received(recorder, pair).get(0).candles()).isEqualTo(candles(605, 5));
        }
        given().get("/q/metrics").then().body(containsString("fx_ingest_messages_rejected_total{reason=\"$\"}"));
    }
}
