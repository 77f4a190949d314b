package io.fxpipeline.model.codec;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.CorrelationAlert;
import io.fxpipeline.model.message.CorrelationReady;
import io.fxpipeline.model.message.Message;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.PriceUpdate;
import io.fxpipeline.model.message.ReplayRequest;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.model.message.VolatilityMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    private static final Instant TS = Instant.parse("2024-11-15T20:00:05Z");
    private static final Pair EUR_USD = Pair.of("EUR_USD");
    private final MessageCodec codec = new MessageCodec();

    static Candle candle(String time, String o, String h, String l, String c) {
        return new Candle(Instant.parse(time), new BigDecimal(o), new BigDecimal(h), new BigDecimal(l),
                new BigDecimal(c), 2987L);
    }

    private static final String BULK_ROW = "{\"time\":\"2024-11-15T19:00:00Z\",\"close\":1.05,\"hv_20\":0.07}";
    private static final String BULK_METRICS = "{\"v\":1,\"type\":\"metrics\",\"ts\":\"2024-11-15T20:00:05Z\","
            + "\"pair\":\"EUR_USD\",\"granularity\":\"H1\",\"metrics\":[" + BULK_ROW + "],\"count\":6240,"
            + "\"from\":\"2023-11-15T19:00:00Z\"}";

    static Stream<Message> everyMessage() {
        return Stream.of(
                CandlesReady.live(TS, EUR_USD, Granularity.H1, 42, List.of(
                        candle("2024-11-15T18:00:00Z", "1.05400", "1.05500", "1.05300", "1.05405"),
                        candle("2024-11-15T19:00:00Z", "1.05405", "1.05437", "1.05318", "1.05350"))),
                CandlesReady.replay(TS, Pair.of("USD_JPY"), Granularity.H1, 9, "analytics-service", true, List.of(
                        candle("2024-11-15T19:00:00Z", "154.321", "154.500", "154.100", "154.250"))),
                MetricsReady.of(TS, EUR_USD, Granularity.H1, List.of(new VolatilityMetrics(
                        Instant.parse("2024-11-15T19:00:00Z"), 1.0535, 0.0712, null, 1.054, 1.0551, null,
                        1.061, 1.055, 1.049, 0.0011))),
                new CorrelationReady(TS, Instant.parse("2024-11-15T00:00:00Z"), 100,
                        List.of(EUR_USD, Pair.of("USD_CHF"), Pair.of("GBP_USD")), 3, 2),
                new PriceUpdate(TS, EUR_USD, new BigDecimal("1.05361"), new BigDecimal("1.05369"),
                        PriceUpdate.midOf(new BigDecimal("1.05361"), new BigDecimal("1.05369")),
                        Instant.parse("2024-11-15T19:42:09.871234567Z"), false),
                new VolatilityAlert(TS, EUR_USD, Granularity.H1, 0.152, 0.15, Severity.CRITICAL,
                        Instant.parse("2024-11-15T19:00:00Z")),
                new CorrelationAlert(TS, EUR_USD, Pair.of("USD_CHF"), -0.806, 0.7, Severity.CRITICAL,
                        Instant.parse("2024-11-15T00:00:00Z")),
                new ReplayRequest(TS, "analytics-service", List.of(EUR_USD, Pair.of("GBP_USD")), Granularity.H1,
                        null, 41L),
                new ReplayRequest(TS, "correlation-service", List.of(EUR_USD), Granularity.H1,
                        Instant.parse("2024-11-01T00:00:00Z"), null),
                new SystemAlert(TS, "ingest-service", SystemAlert.Kind.TOKEN_REJECTED, "hourly-candles",
                        "OANDA answered 401: Insufficient authorization to perform request."),
                MetricsReady.bulk(TS, EUR_USD, Granularity.H1, Instant.parse("2023-11-15T19:00:00Z"),
                        new VolatilityMetrics(Instant.parse("2024-11-15T19:00:00Z"), 1.0535, 0.0712, 0.0688, 1.054,
                                1.0551, 1.0549, 1.061, 1.055, 1.049, 0.0011), 6_240));
    }

    /** The wire form of a bulk announcement, as a consumer in another language writes it. */
    @Test
    void aBulkMetricsAnnouncementCarriesItsNewestRowCountAndRange() {
        MetricsReady bulk = codec.decode(BULK_METRICS, MetricsReady.class);
        assertThat(bulk.isBulk()).isTrue();
        assertThat(bulk.count()).isEqualTo(6240);
        assertThat(bulk.from()).isEqualTo(Instant.parse("2023-11-15T19:00:00Z"));
        assertThat(bulk.metrics()).singleElement().extracting(VolatilityMetrics::hv20).isEqualTo(0.07);
        assertThat(codec.encode(MetricsReady.of(TS, EUR_USD, Granularity.H1, bulk.metrics()))).doesNotContain("from")
                .doesNotContain("bulk");
    }

    @Test
    void systemAlertKindsAreLowerCaseOnTheWireAndAnUnknownOneIsRefused() {
        String json = codec.encode(new SystemAlert(TS, "correlation-service", SystemAlert.Kind.CATCHUP_HOLE_OPEN,
                "EUR_USD H1", null));
        assertThat(json).contains("\"kind\":\"catchup_hole_open\"").contains("\"subject\":\"EUR_USD H1\"");
        assertThatThrownBy(() -> codec.decode(json.replace("catchup_hole_open", "meltdown")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("kind");
    }

    @Test
    void aReasonLongerThanASystemAlertCarriesIsCutAndMarkedNotRefused() {
        String upstream = "OANDA answered 502: " + "<html>bad gateway</html>".repeat(300);
        assertThat(upstream.length()).isGreaterThan(SystemAlert.MAX_MESSAGE);
        String fitted = SystemAlert.fit(upstream);
        assertThat(fitted).hasSize(SystemAlert.MAX_MESSAGE).startsWith("OANDA answered 502: <html>").endsWith("\u2026");
        SystemAlert alert = codec.decode(codec.encode(new SystemAlert(TS, "ingest-service", SystemAlert.Kind.JOB_FAILED,
                "hourly-candles", fitted)), SystemAlert.class);
        assertThat(alert.message()).isEqualTo(fitted);
        assertThat(SystemAlert.fit("short reason")).isEqualTo("short reason");
        assertThat(SystemAlert.fit(" ")).isNull();
        assertThatThrownBy(() -> new SystemAlert(TS, "ingest-service", SystemAlert.Kind.JOB_FAILED, "hourly-candles",
                upstream)).isInstanceOf(MalformedMessageException.class).hasMessageContaining("message");
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageSurvivesARoundTrip(Message message) {
        String json = codec.encode(message);
        assertThat(json).startsWith("{\"v\":1,\"type\":\"" + message.type() + "\",\"ts\":\"2024-11-15T20:00:05Z\"");
        assertThat(codec.decode(json)).isEqualTo(message);
        assertThat(codec.decode(json, message.getClass())).isEqualTo(message);
    }

    /** The header written in front of the record is the same object the earlier tree merge produced, byte for byte. */
    @ParameterizedTest
    @MethodSource("everyMessage")
    void theStreamedEncodingIsTheTreeMergeOfHeaderAndRecord(Message message) {
        assertThat(codec.encode(message)).isEqualTo(TreeMergeEncoding.encode(codec.mapper(), message));
    }

    /** The fast double writer and parser give back the very same double, whatever its magnitude. */
    @Test
    void metricDoublesSurviveTheFastWriterAndParserBitForBit() {
        Random random = new Random(20261205);
        for (int i = 0; i < 20_000; i++) {
            double hv = Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL); // finite, positive
            double close = random.nextDouble() * 200;
            MetricsReady message = MetricsReady.of(TS, EUR_USD, Granularity.H1, List.of(new VolatilityMetrics(
                    Instant.parse("2024-11-15T19:00:00Z"), close, hv, hv / 3, close, close, null, close, close, close,
                    random.nextGaussian())));
            MetricsReady back = codec.decode(codec.encode(message), MetricsReady.class);
            assertThat(back.metrics().get(0)).isEqualTo(message.metrics().get(0));
            assertThat(Double.doubleToRawLongBits(back.metrics().get(0).hv20())).isEqualTo(Double.doubleToRawLongBits(hv));
        }
    }

    @Test
    void pricesKeepEveryQuotedDigit() {
        Message message = everyMessage().findFirst().orElseThrow();
        String json = codec.encode(message);
        assertThat(json).contains("\"c\":\"1.05350\"");
        CandlesReady back = (CandlesReady) codec.decode(json);
        assertThat(back.candles().get(1).close().toPlainString()).isEqualTo("1.05350");
    }

    @Test
    void midIsExact() {
        assertThat(PriceUpdate.midOf(new BigDecimal("1.05361"), new BigDecimal("1.05368")).toPlainString())
                .isEqualTo("1.053645");
    }

    static final String GOOD_CANDLE = "{\"time\":\"2024-11-15T19:00:00Z\",\"o\":\"1.05405\",\"h\":\"1.05437\","
            + "\"l\":\"1.05318\",\"c\":\"1.05350\",\"volume\":2987}";

    static String candles(String candleJson) {
        return "{\"v\":1,\"type\":\"candles\",\"ts\":\"2024-11-15T20:00:05Z\",\"pair\":\"EUR_USD\","
                + "\"granularity\":\"H1\",\"seq\":3,\"candles\":[" + candleJson + "],\"count\":1}";
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", "$"),
                Arguments.of("truncated", candles(GOOD_CANDLE).substring(0, 80), "$"),
                Arguments.of("not an object", "[1,2,3]", "$"),
                Arguments.of("missing version", candles(GOOD_CANDLE).replace("\"v\":1,", ""), "v"),
                Arguments.of("unknown version", candles(GOOD_CANDLE).replace("\"v\":1", "\"v\":2"), "v"),
                Arguments.of("a later unknown version", candles(GOOD_CANDLE).replace("\"count\":1", "\"count\":1,\"v\":2"), "v"),
                Arguments.of("a later unknown type", candles(GOOD_CANDLE).replace("\"count\":1", "\"count\":1,\"type\":\"x\""), "type"),
                Arguments.of("version as text", candles(GOOD_CANDLE).replace("\"v\":1", "\"v\":\"1\""), "v"),
                Arguments.of("missing type", candles(GOOD_CANDLE).replace("\"type\":\"candles\",", ""), "type"),
                Arguments.of("unknown type", candles(GOOD_CANDLE).replace("\"type\":\"candles\"", "\"type\":\"x\""), "type"),
                Arguments.of("missing ts", candles(GOOD_CANDLE).replace("\"ts\":\"2024-11-15T20:00:05Z\",", ""), "ts"),
                Arguments.of("bad ts", candles(GOOD_CANDLE).replace("2024-11-15T20:00:05Z", "yesterday"), "ts"),
                Arguments.of("bad pair", candles(GOOD_CANDLE).replace("EUR_USD", "EURUSD"), "pair"),
                Arguments.of("bad granularity", candles(GOOD_CANDLE).replace("\"H1\"", "\"H7\""), "granularity"),
                Arguments.of("seq as text", candles(GOOD_CANDLE).replace("\"seq\":3", "\"seq\":\"three\""), "seq"),
                Arguments.of("missing seq", candles(GOOD_CANDLE).replace("\"seq\":3,", ""), "seq"),
                Arguments.of("count mismatch", candles(GOOD_CANDLE).replace("\"count\":1", "\"count\":2"), "count"),
                Arguments.of("no candles", candles(GOOD_CANDLE).replace(GOOD_CANDLE, ""), "candles"),
                Arguments.of("NaN price", candles(GOOD_CANDLE.replace("\"1.05350\"", "\"NaN\"")), "candles[0].c"),
                Arguments.of("bare NaN", candles(GOOD_CANDLE.replace("\"1.05350\"", "NaN")), "$"),
                Arguments.of("negative price", candles(GOOD_CANDLE.replace("\"1.05318\"", "\"-1.05318\"")), "candles[0].l"),
                Arguments.of("high below close", candles(GOOD_CANDLE.replace("\"1.05437\"", "\"1.05340\"")), "candles[0].h"),
                Arguments.of("price as object", candles(GOOD_CANDLE.replace("\"1.05405\"", "{}")), "candles[0].o"),
                Arguments.of("missing volume", candles(GOOD_CANDLE.replace(",\"volume\":2987", "")), "candles[0].volume"),
                Arguments.of("negative volume", candles(GOOD_CANDLE.replace("2987", "-5")), "candles[0].volume"),
                Arguments.of("NaN metric", "{\"v\":1,\"type\":\"metrics\",\"ts\":\"2024-11-15T20:00:05Z\",\"pair\":\"EUR_USD\","
                        + "\"granularity\":\"H1\",\"metrics\":[{\"time\":\"2024-11-15T19:00:00Z\",\"close\":1.05,"
                        + "\"hv_20\":\"NaN\"}],\"count\":1}", "metrics[0].hv_20"),
                Arguments.of("bulk count below its rows", BULK_METRICS.replace("\"count\":6240", "\"count\":1"), "from"),
                Arguments.of("bulk with two rows", BULK_METRICS.replace("\"metrics\":[" + BULK_ROW,
                        "\"metrics\":[" + BULK_ROW + "," + BULK_ROW), "from"),
                Arguments.of("bulk from after its row", BULK_METRICS.replace("2023-11-15T19:00:00Z", "2025-01-01T00:00:00Z"), "from"),
                Arguments.of("bulk from not a time", BULK_METRICS.replace("2023-11-15T19:00:00Z", "last year"), "from"),
                Arguments.of("correlation out of range", "{\"v\":1,\"type\":\"correlation_alert\",\"ts\":\"2024-11-15T20:00:05Z\","
                        + "\"pair_a\":\"EUR_USD\",\"pair_b\":\"USD_CHF\",\"correlation\":1.5,\"threshold\":0.7,"
                        + "\"severity\":\"CRITICAL\",\"as_of\":\"2024-11-15T00:00:00Z\"}", "correlation"),
                Arguments.of("bad severity", "{\"v\":1,\"type\":\"volatility_alert\",\"ts\":\"2024-11-15T20:00:05Z\","
                        + "\"pair\":\"EUR_USD\",\"granularity\":\"H1\",\"volatility\":0.2,\"threshold\":0.15,"
                        + "\"severity\":\"PANIC\",\"time\":\"2024-11-15T19:00:00Z\"}", "severity"),
                Arguments.of("replay without pairs", "{\"v\":1,\"type\":\"replay_request\",\"ts\":\"2024-11-15T20:00:05Z\","
                        + "\"requester\":\"a\",\"pairs\":[],\"granularity\":\"H1\"}", "pairs"),
                Arguments.of("10 MB payload", candles(GOOD_CANDLE).replace("\"pair\"", "\"junk\":\""
                        + "x".repeat(10 * 1024 * 1024) + "\",\"pair\""), "$"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPayloadsAreRejectedNamingTheField(String label, String json, String field) {
        assertThatThrownBy(() -> codec.decode(json))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> {
                    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
                    assertThat(e.getMessage()).hasSizeLessThan(400);
                });
    }

    @Test
    void aChannelThatCarriesOneTypeRejectsAnother() {
        String json = codec.encode(everyMessage().skip(3).findFirst().orElseThrow());
        assertThatThrownBy(() -> codec.decode(json, CandlesReady.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("expected 'candles' but got 'correlation'");
    }

    @Test
    void unknownFieldsAreAllowedSoPayloadsCanGrow() {
        String json = candles(GOOD_CANDLE).replace("\"pair\"", "\"added_later\":{\"x\":1},\"pair\"");
        assertThat(codec.decode(json)).isInstanceOf(CandlesReady.class);
    }

    @Test
    void anotherTypeIsSkippedWithoutBindingAndAMalformedOneIsStillRefused() {
        String metrics = codec.encode(everyMessage().skip(2).findFirst().orElseThrow());
        assertThat(codec.decodeIfType(metrics, CandlesReady.TYPE)).isEmpty();
        assertThat(codec.decodeIfType(metrics, MetricsReady.TYPE)).containsInstanceOf(MetricsReady.class);
        assertThat(codec.decodeIfType(candles(GOOD_CANDLE), CandlesReady.TYPE)).containsInstanceOf(CandlesReady.class);
        assertThatThrownBy(() -> codec.decodeIfType(candles(GOOD_CANDLE.replace("2987", "-5")), CandlesReady.TYPE))
                .isInstanceOfSatisfying(MalformedMessageException.class,
                        e -> assertThat(e.field()).isEqualTo("candles[0].volume"));
        assertThatThrownBy(() -> codec.decodeIfType(candles(GOOD_CANDLE).replace("\"v\":1", "\"v\":2"), CandlesReady.TYPE))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.field()).isEqualTo("v"));
    }

    @Test
    void onlyTheHeaderDecidesTheSkipAndAnotherFieldOrderStillDecodes() {
        String metrics = codec.encode(everyMessage().skip(2).findFirst().orElseThrow());
        // the body is never scanned for a type the consumer does not take: a cut-off one is skipped like a whole one
        assertThat(codec.decodeIfType(metrics.substring(0, metrics.length() / 2), CandlesReady.TYPE)).isEmpty();
        assertThat(codec.isAnotherType(metrics.substring(0, 40), CandlesReady.TYPE)).isTrue();
        assertThat(codec.isAnotherType(metrics, MetricsReady.TYPE)).isFalse();
        assertThat(codec.isAnotherType("{\"type\":\"metrics\",\"v\":1}", CandlesReady.TYPE)).as("not the header").isFalse();
        assertThat(codec.isAnotherType("not json", CandlesReady.TYPE)).isFalse();
        // fields in another order are not the contract's header: decoded (and checked) through the tree
        String reordered = candles(GOOD_CANDLE).replace("{\"v\":1,\"type\":\"candles\",", "{\"type\":\"candles\",")
                .replace("\"count\":1}", "\"count\":1,\"v\":1}");
        assertThat(codec.decodeIfType(reordered, CandlesReady.TYPE)).containsInstanceOf(CandlesReady.class);
        assertThatThrownBy(() -> codec.decodeIfType(reordered.replace("\"v\":1}", "\"v\":2}"), CandlesReady.TYPE))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.field()).isEqualTo("v"));
    }
}
