package io.fxpipeline.analytics.service;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.fxpipeline.analytics.service.PipelineFeed.price;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/** Candles in through real Redis, metrics out in real PostgreSQL, Redis cache and channels. One pair per test. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class MetricsPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant START = Instant.parse("2024-03-04T00:00:00Z");

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    PipelineFeed feed;

    private final MessageCodec codec = new MessageCodec();

    static List<Candle> walk(int n, long seed, double hourlyVolatility) {
        Random random = new Random(seed);
        List<Candle> candles = new ArrayList<>();
        double close = 1.2;
        for (int i = 0; i < n; i++) {
            double open = close;
            close = open * Math.exp(random.nextGaussian() * hourlyVolatility);
            double high = Math.max(open, close) * (1 + random.nextDouble() * hourlyVolatility);
            double low = Math.min(open, close) * (1 - random.nextDouble() * hourlyVolatility);
            candles.add(new Candle(START.plusSeconds(3600L * i), price(open), price(high).max(price(Math.max(open, close))),
                    price(low).min(price(Math.min(open, close))), price(close), 100L + i));
        }
        return candles;
    }

    @Test
    void inOrderCandlesBecomeExactlyTheCalculatorsRowsAndAreAnnounced() {
        Pair pair = Pair.of("NZD_USD");
        List<Candle> candles = walk(120, 1, 0.001);
        Channels channels = feed.channels();
        try (ChannelRecorder recorder = feed.record(channels.dataReady())) {
            feed.send(pair, 1, candles.subList(0, 100));
            feed.send(pair, 2, candles.subList(100, 120));
            await().atMost(WAIT).until(() -> feed.stored(pair).size() == 120);
            assertThat(feed.stored(pair)).isEqualTo(feed.expected(candles));

            await().atMost(WAIT).until(() -> recorder.payloads(channels.dataReady()).stream()
                    .filter(p -> p.contains("\"type\":\"metrics\"") && p.contains("NZD_USD")).count() == 2);
            MetricsReady last = recorder.payloads(channels.dataReady()).stream()
                    .filter(p -> p.contains("\"type\":\"metrics\"") && p.contains("NZD_USD"))
                    .map(p -> codec.decode(p, MetricsReady.class)).reduce((a, b) -> b).orElseThrow();
            assertThat(last.metrics()).isEqualTo(feed.expected(candles).subList(100, 120));
        }
        Map<String, String> cached = redis.hash(String.class).hgetall(channels.metricsKey(pair)).await().atMost(WAIT);
        VolatilityMetrics newest = feed.expected(candles).get(119);
        assertThat(cached).containsEntry("time", newest.time().toString())
                .containsEntry("hv_20", Double.toString(newest.hv20()))
                .containsEntry("atr_14", Double.toString(newest.atr14()));
        assertThat(redis.key().ttl(channels.metricsKey(pair)).await().atMost(WAIT)).isBetween(3500L, 3600L);

        given().get("/metrics/NZD_USD/latest").then().statusCode(200)
                .body("time", is(newest.time().toString()));
        given().get("/metrics/NZD_USD?from=2024-03-04T00:00:00Z&to=2024-03-04T10:00:00Z").then().statusCode(200)
                .body("size()", is(10)).body("[0].sma_15", is((Object) null));
        // Without from: the newest rows (not the first of the history), still oldest first.
        given().get("/metrics/NZD_USD?limit=3").then().statusCode(200)
                .body("time", contains(feed.expected(candles).subList(117, 120).stream().map(m -> m.time().toString()).toArray()));
        given().get("/metrics/NZD_USD?limit=2&to=" + feed.expected(candles).get(110).time()).then().statusCode(200)
                .body("time", contains(feed.expected(candles).get(108).time().toString(), feed.expected(candles).get(109).time().toString()));
        given().get("/cache/stats").then().statusCode(200).body("tracked_pairs", is(20));

        // A full recompute from analytics' own stored candles reproduces the same rows.
        given().post("/admin/recompute/NZD_USD").then().statusCode(200).body("rows", is(120));
        assertThat(feed.stored(pair)).isEqualTo(feed.expected(candles));
    }

    /** Past {@link MetricsReady#MAX_ROWS_CARRIED} rows a store is announced once: its newest row, count and range. */
    @Test
    void aBulkStoreIsAnnouncedOnceByItsNewestRowAndItsRange() {
        Pair pair = Pair.of("EUR_GBP");
        List<Candle> candles = walk(MetricsReady.MAX_ROWS_CARRIED + 600, 7, 0.001);
        List<VolatilityMetrics> expected = feed.expected(candles);
        Channels channels = feed.channels();
        try (ChannelRecorder recorder = feed.record(channels.dataReady())) {
            feed.send(pair, 1, candles);
            await().atMost(WAIT).until(() -> feed.stored(pair).size() == candles.size());
            assertThat(feed.stored(pair)).isEqualTo(expected);

            await().atMost(WAIT).until(() -> metricsOf(recorder, channels, pair).size() == 1);
            feed.send(pair, 2, walk(MetricsReady.MAX_ROWS_CARRIED + 601, 7, 0.001).subList(candles.size(), candles.size() + 1));
            await().atMost(WAIT).until(() -> metricsOf(recorder, channels, pair).size() == 2);
            List<String> payloads = metricsOf(recorder, channels, pair);
            MetricsReady bulk = codec.decode(payloads.get(0), MetricsReady.class);
            assertThat(bulk.isBulk()).isTrue();
            assertThat(bulk.count()).isEqualTo(candles.size());
            assertThat(bulk.from()).isEqualTo(candles.get(0).time());
            assertThat(bulk.metrics()).containsExactly(expected.get(expected.size() - 1));
            assertThat(payloads.get(0)).hasSizeLessThan(1024).contains("\"from\":\"" + candles.get(0).time() + "\"");
            // the next live hour carries its row as before, and no range
            MetricsReady live = codec.decode(payloads.get(1), MetricsReady.class);
            assertThat(live.isBulk()).isFalse();
            assertThat(live.count()).isEqualTo(1);
            assertThat(payloads.get(1)).doesNotContain("\"from\"");
        }
    }

    private static List<String> metricsOf(ChannelRecorder recorder, Channels channels, Pair pair) {
        return recorder.payloads(channels.dataReady()).stream()
                .filter(p -> p.contains("\"type\":\"metrics\"") && p.contains("\"pair\":\"" + pair + "\"")).toList();
    }

    @Test
    void outOfOrderDuplicateAndCorrectedDeliveryEndInTheInOrderRows() {
        Pair pair = Pair.of("AUD_JPY");
        List<Candle> candles = walk(100, 2, 0.001);
        Candle old = candles.get(60);
        Candle corrected = new Candle(old.time(), old.open(), old.high().add(new BigDecimal("0.01000")), old.low(),
                old.close(), old.volume());
        feed.send(pair, 1, candles.subList(50, 100));
        feed.send(pair, 2, candles.subList(0, 50));
        feed.send(pair, 3, candles.subList(20, 30));
        feed.send(pair, 4, List.of(corrected));

        List<Candle> finalCandles = new ArrayList<>(candles);
        finalCandles.set(60, corrected);
        List<VolatilityMetrics> inOrder = feed.expected(finalCandles);
        await().atMost(WAIT).until(() -> feed.stored(pair).equals(inOrder));
    }

    @Test
    void aPairEnteringCriticalVolatilityAlertsOnce() {
        Pair pair = Pair.of("GBP_JPY");
        Channels channels = feed.channels();
        List<Candle> wild = walk(60, 3, 0.01); // about 0.8 a year: far above the 0.15 threshold
        try (ChannelRecorder recorder = feed.record(channels.volatilityAlerts())) {
            for (int i = 0; i < 60; i += 10) {
                feed.send(pair, 1 + i / 10, wild.subList(i, i + 10));
            }
            await().atMost(WAIT).until(() -> feed.stored(pair).size() == 60);
            await().atMost(WAIT).until(() -> !recorder.payloads(channels.volatilityAlerts()).isEmpty());
            List<VolatilityAlert> alerts = recorder.payloads(channels.volatilityAlerts()).stream()
                    .map(p -> codec.decode(p, VolatilityAlert.class)).toList();
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).pair()).isEqualTo(pair);
            assertThat(alerts.get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alerts.get(0).threshold()).isEqualTo(0.15);
            assertThat(alerts.get(0).volatility()).isGreaterThan(0.15);
        }
    }

    @Test
    void aSequenceGapAsksIngestForExactlyTheMissingCandles() {
        Pair pair = Pair.of("USD_CHF");
        Channels channels = feed.channels();
        List<Candle> candles = walk(3, 5, 0.001);
        try (ChannelRecorder recorder = feed.record(channels.replayRequests())) {
            // ingest's answer to analytics' start-up request: everything up to seq 1
            redis.pubsub(String.class).publish(channels.dataReady(), codec.encode(CandlesReady.replay(Instant.now(),
                    pair, Granularity.H1, 1, "analytics-service", false, candles.subList(0, 1)))).await().atMost(WAIT);
            await().atMost(WAIT).until(() -> feed.stored(pair).size() == 1);
            feed.send(pair, 3, candles.subList(2, 3)); // seq 2 never arrives
            await().atMost(WAIT).until(() -> recorder.payloads(channels.replayRequests()).stream()
                    .map(p -> codec.decode(p, io.fxpipeline.model.message.ReplayRequest.class))
                    .anyMatch(r -> r.pairs().equals(List.of(pair)) && Long.valueOf(1).equals(r.sinceSeq())
                            && r.requester().equals("analytics-service")));
        }
    }

    @Test
    void badMessagesAreCountedAndDroppedWhileGoodOnesFlow() {
        Pair pair = Pair.of("CHF_JPY");
        redis.pubsub(String.class).publish(feed.channels().dataReady(), "{\"v\":9,\"type\":\"candles\"}")
                .await().atMost(WAIT);
        feed.send(pair, 1, walk(5, 4, 0.001));
        await().atMost(WAIT).until(() -> feed.stored(pair).size() == 5);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fx_analytics_messages_rejected_total{reason=\"v\"}"));
    }

    @Test
    void badRequestsGetProblemDetails() {
        given().get("/metrics/EURUSD/latest").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("EURUSD"));
        given().get("/metrics/USD_CAD/latest").then().statusCode(404).contentType("application/problem+json")
                .body("detail", is("no metrics for USD_CAD yet"));
        given().get("/metrics/USD_SEK/latest").then().statusCode(404)
                .body("detail", is("no metrics for USD_SEK: it is not one of the tracked pairs (FX_PAIRS)"));
        given().get("/metrics/USD_SEK").then().statusCode(404)
                .body("detail", is("no metrics of USD_SEK: USD_SEK is not one of the tracked pairs (FX_PAIRS)"));
        given().get("/metrics/USD_CAD?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z").then().statusCode(200)
                .body("size()", is(0));
        given().post("/admin/recompute/USD_CAD").then().statusCode(200).body("rows", is(0));
        given().post("/admin/recompute/USD_SEK").then().statusCode(404)
                .body("detail", containsString("USD_SEK is not one of the tracked pairs (FX_PAIRS)"));
        given().get("/metrics/USD_CAD?from=2024-03-05T00:00:00Z&to=2024-03-04T00:00:00Z").then().statusCode(400)
                .body("detail", containsString("before"));
        given().get("/metrics/USD_CAD?limit=0").then().statusCode(400).body("detail", containsString("limit"));
        given().get("/metrics/USD_CAD?from=soon").then().statusCode(400).body("detail", containsString("ISO-8601"));
    }
}
