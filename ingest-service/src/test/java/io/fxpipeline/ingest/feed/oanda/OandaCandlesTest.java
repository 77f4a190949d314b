package io.fxpipeline.ingest.feed.oanda;

import io.fxpipeline.ingest.feed.CandlePage;
import io.fxpipeline.ingest.feed.CandleRejection;
import io.fxpipeline.ingest.feed.CandleRejection.Reason;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed case of docs/oanda-v20.md §3 and §11.5 is rejected with its reason; the good candles stay. */
class OandaCandlesTest {

    private static final Pair EUR_USD = Pair.of("EUR_USD");
    /** The feed's present for every answer here, unless a case says otherwise: long after the candles used. */
    private static final Instant NOW = Instant.parse("2024-12-01T00:00:00Z");

    private static String candle(String time, boolean complete, String o, String h, String l, String c, String volume) {
        return "{\"complete\":" + complete + ",\"volume\":" + volume + ",\"time\":\"" + time + "\",\"mid\":{\"o\":" + o
                + ",\"h\":" + h + ",\"l\":" + l + ",\"c\":" + c + "}}";
    }

    private static String good(int hour) {
        return candle("2024-11-15T%02d:00:00.000000000Z".formatted(hour), true, "\"1.05405\"", "\"1.05437\"",
                "\"1.05318\"", "\"1.05350\"", "2987");
    }

    private static CandlePage parse(String... candles) {
        return OandaCandles.parse(EUR_USD, Granularity.H1,
                "{\"instrument\":\"EUR_USD\",\"granularity\":\"H1\",\"candles\":[" + String.join(",", candles) + "]}", NOW);
    }

    private static List<Reason> reasons(CandlePage page) {
        return page.rejections().stream().map(CandleRejection::reason).toList();
    }

    @Test
    void theWorkedExampleOfTheReferenceIsReadExactly() {
        CandlePage page = parse(good(19), candle("2024-11-17T22:00:00.000000000Z", true, "\"1.05302\"", "\"1.05415\"",
                "\"1.05288\"", "\"1.05390\"", "412"));
        assertThat(page.rejections()).isEmpty();
        assertThat(page.received()).isEqualTo(2);
        assertThat(page.candles()).containsExactly(
                new Candle(Instant.parse("2024-11-15T19:00:00Z"), new BigDecimal("1.05405"), new BigDecimal("1.05437"),
                        new BigDecimal("1.05318"), new BigDecimal("1.05350"), 2987L),
                new Candle(Instant.parse("2024-11-17T22:00:00Z"), new BigDecimal("1.05302"), new BigDecimal("1.05415"),
                        new BigDecimal("1.05288"), new BigDecimal("1.05390"), 412L));
        // the trailing zero of 1.05350 is kept: prices are exact as quoted
        assertThat(page.candles().get(0).close().toPlainString()).isEqualTo("1.05350");
        assertThat(page.lastTime()).isEqualTo(Instant.parse("2024-11-17T22:00:00Z"));
        assertThat(page.forming()).isFalse();
        assertThat(page.failure()).isNull();
    }

    @Test
    void eachBadCandleIsRejectedWithItsReasonAndTheGoodOnesAreKept() {
        CandlePage page = parse(
                good(1),
                candle("2024-11-15T02:00:00.000000000Z", true, "\"1.0x\"", "\"1.05437\"", "\"1.05318\"", "\"1.05350\"", "1"),
                candle("2024-11-15T03:00:00.000000000Z", true, "\"0\"", "\"1.05437\"", "\"1.05318\"", "\"1.05350\"", "1"),
                candle("2024-11-15T04:00:00.000000000Z", true, "\"-1.05\"", "\"1.05437\"", "\"1.05318\"", "\"1.05350\"", "1"),
                candle("2024-11-15T05:00:00.000000000Z", true, "\"1.05405\"", "\"1.05400\"", "\"1.05318\"", "\"1.05350\"", "1"),
                candle("2024-11-15T06:00:00.000000000Z", true, "\"1.05405\"", "\"1.05437\"", "\"1.05360\"", "\"1.05350\"", "1"),
                candle("2024-11-15T07:30:00.000000000Z", true, "\"1.05405\"", "\"1.05437\"", "\"1.05318\"", "\"1.05350\"", "1"),
                "{\"complete\":true,\"volume\":1,\"time\":\"2024-11-15T08:00:00.000000000Z\"}",
                candle("2024-11-15T09:00:00.000000000Z", true, "\"1.05405\"", "\"1.05437\"", "\"1.05318\"", "\"1.05350\"", "-4"),
                candle("not-a-time", true, "\"1.05405\"", "\"1.05437\"", "\"1.05318\"", "\"1.05350\"", "1"),
                good(10),
                candle("2024-11-15T11:00:00.000000000Z", false, "\"1.05405\"", "\"1.05437\"", "\"1.05318\"", "\"1.05350\"", "1"));
        assertThat(page.candles()).extracting(Candle::time)
                .containsExactly(Instant.parse("2024-11-15T01:00:00Z"), Instant.parse("2024-11-15T10:00:00Z"));
        assertThat(reasons(page)).containsExactly(Reason.NON_NUMERIC, Reason.NON_POSITIVE, Reason.NON_POSITIVE,
                Reason.HIGH_BELOW_MAX, Reason.LOW_ABOVE_MIN, Reason.MISALIGNED, Reason.MISSING_FIELD, Reason.BAD_VOLUME,
                Reason.NON_NUMERIC);
        assertThat(page.rejections()).allSatisfy(r -> assertThat(r.pair()).isEqualTo(EUR_USD));
        assertThat(page.rejections().get(0).time()).isEqualTo("2024-11-15T02:00:00.000000000Z");
        assertThat(page.rejections().get(0).detail()).contains("mid.o", "1.0x");
        assertThat(page.received()).isEqualTo(12);
        assertThat(page.forming()).isTrue();
        assertThat(page.pending()).as("the forming candle: counted apart, not rejected").isEqualTo(1);
    }

    @Test
    void theFormingCandleIsPendingButAnIncompleteOneWithNewerAfterItIsRejected() {
        String early = candle("2024-11-15T02:00:00.000000000Z", false, "\"1.05405\"", "\"1.05437\"", "\"1.05318\"",
                "\"1.05350\"", "1");
        String forming = candle("2024-11-15T04:00:00.000000000Z", false, "\"1.05405\"", "\"1.05437\"", "\"1.05318\"",
                "\"1.05350\"", "1");
        CandlePage page = parse(good(1), early, good(3), forming);
        assertThat(page.candles()).extracting(Candle::time)
                .containsExactly(Instant.parse("2024-11-15T01:00:00Z"), Instant.parse("2024-11-15T03:00:00Z"));
        assertThat(page.pending()).isEqualTo(1);
        assertThat(page.forming()).isTrue();
        assertThat(page.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Reason.INCOMPLETE);
            assertThat(r.time()).isEqualTo("2024-11-15T02:00:00.000000000Z");
            assertThat(r.detail()).isEqualTo("candle marked incomplete although newer ones follow");
        });

        CandlePage onlyForming = parse(forming);
        assertThat(onlyForming.rejections()).isEmpty();
        assertThat(onlyForming.candles()).isEmpty();
        assertThat(onlyForming.pending()).isEqualTo(1);
    }

    @Test
    void duplicatesInsideOneAnswerAreRejectedAndConflictingOnesTrustNeither() {
        String conflicting = candle("2024-11-15T02:00:00.000000000Z", true, "\"1.05405\"", "\"1.05500\"", "\"1.05318\"",
                "\"1.05450\"", "7");
        CandlePage page = parse(good(1), good(1), good(2), conflicting, good(3));
        assertThat(page.candles()).extracting(Candle::time)
                .containsExactly(Instant.parse("2024-11-15T01:00:00Z"), Instant.parse("2024-11-15T03:00:00Z"));
        assertThat(reasons(page)).containsExactly(Reason.DUPLICATE, Reason.DUPLICATE, Reason.DUPLICATE);
    }

    @Test
    void outOfOrderCandlesAreStoredInTimeOrder() {
        CandlePage page = parse(good(5), good(3), good(4));
        assertThat(page.candles()).extracting(Candle::time).containsExactly(Instant.parse("2024-11-15T03:00:00Z"),
                Instant.parse("2024-11-15T04:00:00Z"), Instant.parse("2024-11-15T05:00:00Z"));
        assertThat(page.lastTime()).isEqualTo(Instant.parse("2024-11-15T05:00:00Z"));
    }

    @Test
    void aTruncatedAnswerKeepsTheCandlesThatArrivedWhole() {
        String body = "{\"instrument\":\"EUR_USD\",\"granularity\":\"H1\",\"candles\":[" + good(1) + "," + good(2) + ","
                + good(3).substring(0, 40);
        CandlePage page = OandaCandles.parse(EUR_USD, Granularity.H1, body, NOW);
        assertThat(page.candles()).hasSize(2);
        assertThat(page.failure()).startsWith("malformed JSON after 2 candles");
        assertThat(reasons(page)).containsExactly(Reason.MALFORMED_ANSWER);
    }

    @Test
    void answersThatAreNotCandleAnswersAreFailures() {
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1, "", NOW).failure()).isNotNull();
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1, "<html>502 Bad Gateway</html>", NOW).failure()).isNotNull();
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1, "[]", NOW).failure()).isEqualTo("the answer is not a JSON object");
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1, "{\"instrument\":\"EUR_USD\"}", NOW).failure())
                .isEqualTo("the answer has no 'candles' field");
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1,
                "{\"instrument\":\"GBP_USD\",\"granularity\":\"H1\",\"candles\":[" + good(1) + "]}", NOW).failure())
                .isEqualTo("the answer is for instrument GBP_USD, not EUR_USD; its 1 candle not stored");
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1, "{\"candles\":{}}", NOW).failure()).isEqualTo("'candles' is not an array");
    }

    @Test
    void anEmptyRangeIsAnEmptyPage() {
        CandlePage page = parse();
        assertThat(page.candles()).isEmpty();
        assertThat(page.received()).isZero();
        assertThat(page.lastTime()).isNull();
        assertThat(page.failure()).isNull();
    }

    @Test
    void unixTimesQuotedVolumesAndNumericPricesAreReadExactly() {
        CandlePage page = parse(candle("1731697200.000000000", true, "1.05405", "1.05437", "1.05318", "1.05350", "\"2987\""));
        assertThat(page.rejections()).isEmpty();
        assertThat(page.candles().get(0).time()).isEqualTo(Instant.parse("2024-11-15T19:00:00Z"));
        assertThat(page.candles().get(0).close()).isEqualByComparingTo("1.05350");
        assertThat(page.candles().get(0).volume()).isEqualTo(2987L);
    }

    /** A server that sends numbers where v20 sends strings loses no digit, and a volume must be a whole number that fits. */
    @Test
    void numbersWhereStringsAreExpectedKeepEveryDigit() {
        String mid = ",\"mid\":{\"o\":\"1.05405\",\"h\":\"1.05437\",\"l\":\"1.05318\",\"c\":\"1.05350\"}}";
        CandlePage page = parse(
                "{\"time\":1731697200.000000000,\"complete\":true,\"volume\":12.0,"
                        + "\"mid\":{\"o\":1.05405,\"h\":1.05437,\"l\":1.05318,\"c\":1.05350}}",
                "{\"time\":\"2024-11-15T20:00:00Z\",\"complete\":true,\"volume\":18446744073709551616" + mid,
                "{\"time\":\"2024-11-15T21:00:00Z\",\"complete\":true,\"volume\":12.5" + mid);
        assertThat(page.candles()).hasSize(1);
        Candle read = page.candles().get(0);
        assertThat(read.time()).isEqualTo(Instant.parse("2024-11-15T19:00:00Z"));
        assertThat(read.close().toPlainString()).isEqualTo("1.05350");
        assertThat(read.volume()).isEqualTo(12L);
        assertThat(page.rejections()).extracting(CandleRejection::time, CandleRejection::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2024-11-15T20:00:00Z", Reason.BAD_VOLUME),
                org.assertj.core.groups.Tuple.tuple("2024-11-15T21:00:00Z", Reason.BAD_VOLUME));
    }

    /** Values of the wrong JSON type, anywhere in a candle: each candle gets the reason a reader of the text would give. */
    @Test
    void valuesOfTheWrongTypeAreRejectedWithTheirReasonAndOddButValidShapesAreRead() {
        String mid = ",\"mid\":{\"o\":\"1.05405\",\"h\":\"1.05437\",\"l\":\"1.05318\",\"c\":\"1.05350\"}";
        CandlePage page = parse(
                "42", "null", "\"x\"", "[1,{\"time\":\"2024-11-15T01:00:00Z\"}]",
                "{\"time\":1731650400,\"complete\":true,\"volume\":5" + mid + "}",
                "{\"time\":true,\"complete\":true,\"volume\":5" + mid + "}",
                "{\"time\":{\"at\":\"2024-11-15T07:00:00Z\"},\"complete\":true,\"volume\":5" + mid + "}",
                "{\"time\":\"2024-11-15T08:00:00Z\",\"complete\":\"true\",\"volume\":5" + mid + "}",
                "{\"time\":\"2024-11-15T09:00:00Z\",\"complete\":true,\"volume\":5,\"mid\":[1.1,1.2,1.0,1.1]}",
                "{\"time\":\"2024-11-15T10:00:00Z\",\"complete\":true,\"volume\":5,\"mid\":{\"o\":{\"v\":1},\"h\":\"1.2\",\"l\":\"1.0\",\"c\":\"1.1\"}}",
                "{\"time\":\"2024-11-15T11:00:00Z\",\"complete\":true,\"volume\":5,\"mid\":{\"o\":\"1.1\",\"h\":\"1.2\",\"l\":\"1.0\",\"c\":null}}",
                "{\"time\":\"2024-11-15T12:00:00Z\",\"complete\":true,\"volume\":12.0" + mid + "}",
                "{\"time\":\"2024-11-15T13:00:00Z\",\"complete\":true,\"volume\":[5]" + mid + "}",
                // the last of two values of one field counts, as in any JSON object read whole; unknown fields of
                // any shape are skipped
                "{\"time\":\"2024-11-15T02:00:00Z\",\"extra\":{\"a\":[1,{\"b\":[2]}]},\"complete\":false,"
                        + "\"complete\":true,\"volume\":\"7\",\"time\":\"2024-11-15T14:00:00Z\","
                        + "\"mid\":{\"o\":\"9\",\"o\":1.10,\"x\":[],\"h\":\"1.2\",\"l\":\"1.0\",\"c\":\"1.1\"}}");
        assertThat(page.received()).isEqualTo(14);
        assertThat(page.rejections()).extracting(CandleRejection::time, CandleRejection::reason, CandleRejection::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("?", Reason.MISSING_FIELD, "candle is not an object"),
                        org.assertj.core.groups.Tuple.tuple("?", Reason.MISSING_FIELD, "candle is not an object"),
                        org.assertj.core.groups.Tuple.tuple("?", Reason.MISSING_FIELD, "candle is not an object"),
                        org.assertj.core.groups.Tuple.tuple("?", Reason.MISSING_FIELD, "candle is not an object"),
                        org.assertj.core.groups.Tuple.tuple("true", Reason.NON_NUMERIC, "time is not an RFC3339 or UNIX time"),
                        org.assertj.core.groups.Tuple.tuple("", Reason.NON_NUMERIC, "time is not an RFC3339 or UNIX time"),
                        org.assertj.core.groups.Tuple.tuple("2024-11-15T08:00:00Z", Reason.MISSING_FIELD,
                                "complete is missing or not a boolean"),
                        org.assertj.core.groups.Tuple.tuple("2024-11-15T09:00:00Z", Reason.MISSING_FIELD, "mid prices are missing"),
                        org.assertj.core.groups.Tuple.tuple("2024-11-15T10:00:00Z", Reason.NON_NUMERIC, "mid.o '' is not a number"),
                        org.assertj.core.groups.Tuple.tuple("2024-11-15T11:00:00Z", Reason.MISSING_FIELD, "mid.c is missing"),
                        org.assertj.core.groups.Tuple.tuple("2024-11-15T13:00:00Z", Reason.BAD_VOLUME,
                                "volume is missing, not an integer or negative"));
        assertThat(page.candles()).containsExactly(
                new Candle(Instant.parse("2024-11-15T06:00:00Z"), new BigDecimal("1.05405"), new BigDecimal("1.05437"),
                        new BigDecimal("1.05318"), new BigDecimal("1.05350"), 5L),
                // a volume written 12.0 is the integer 12
                new Candle(Instant.parse("2024-11-15T12:00:00Z"), new BigDecimal("1.05405"), new BigDecimal("1.05437"),
                        new BigDecimal("1.05318"), new BigDecimal("1.05350"), 12L),
                // a price sent as the JSON number 1.10 stays 1.10, as written
                new Candle(Instant.parse("2024-11-15T14:00:00Z"), new BigDecimal("1.10"), new BigDecimal("1.2"),
                        new BigDecimal("1.0"), new BigDecimal("1.1"), 7L));
        assertThat(page.lastTime()).isEqualTo(Instant.parse("2024-11-15T14:00:00Z"));
    }

    @Test
    void aZeroVolumeCandleIsKept() {
        // OANDA never sends one (an interval without prices has no candle), but recorded files may: it is not invalid.
        CandlePage page = parse(candle("2024-11-15T19:00:00.000000000Z", true, "\"1.05405\"", "\"1.05437\"",
                "\"1.05318\"", "\"1.05350\"", "0"));
        assertThat(page.rejections()).isEmpty();
        assertThat(page.candles()).singleElement().satisfies(c -> assertThat(c.volume()).isZero());
    }

    // ---- 1. a complete candle that closes after the feed's present ----

    private static String bar(String time, boolean complete) {
        return candle(time, complete, "\"1.05405\"", "\"1.05437\"", "\"1.05318\"", "\"1.05350\"", "12");
    }

    static Stream<Arguments> futureCases() {
        return Stream.of(
                // name, granularity, candle time, complete, now, expected rejection (null: stored)
                Arguments.of("H1 closed an hour ago", Granularity.H1, "2024-11-15T10:00:00Z", true, "2024-11-15T12:00:00Z", null),
                Arguments.of("H1 closing exactly now", Granularity.H1, "2024-11-15T10:00:00Z", true, "2024-11-15T11:00:00Z", null),
                Arguments.of("H1 closing within the 2 min skew", Granularity.H1, "2024-11-15T10:00:00Z", true, "2024-11-15T10:58:00Z", null),
                Arguments.of("H1 closing 1 s beyond the skew", Granularity.H1, "2024-11-15T10:00:00Z", true, "2024-11-15T10:57:59Z", Reason.FUTURE),
                Arguments.of("H1 still open, sent complete", Granularity.H1, "2024-11-15T10:00:00Z", true, "2024-11-15T10:30:00Z", Reason.FUTURE),
                Arguments.of("H1 opening after now", Granularity.H1, "2025-11-15T10:00:00Z", true, "2024-11-15T10:30:00Z", Reason.FUTURE),
                Arguments.of("M1 closed", Granularity.M1, "2024-11-15T10:00:00Z", true, "2024-11-15T10:01:00Z", null),
                Arguments.of("M5 still open", Granularity.M5, "2024-11-15T10:00:00Z", true, "2024-11-15T10:02:00Z", Reason.FUTURE),
                Arguments.of("D closed", Granularity.D, "2024-11-14T22:00:00Z", true, "2024-11-15T22:00:00Z", null),
                Arguments.of("D half-way", Granularity.D, "2024-11-14T22:00:00Z", true, "2024-11-15T10:00:00Z", Reason.FUTURE),
                Arguments.of("D of 23 h at the spring DST change", Granularity.D, "2024-03-09T22:00:00Z", true, "2024-03-10T21:00:00Z", null),
                Arguments.of("M of February (29 days)", Granularity.M, "2024-01-31T22:00:00Z", true, "2024-02-29T22:00:00Z", null),
                Arguments.of("M a week in", Granularity.M, "2024-01-31T22:00:00Z", true, "2024-02-07T22:00:00Z", Reason.FUTURE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("futureCases")
    void aCompleteCandleThatClosesAfterNowIsRejected(String name, Granularity granularity, String time, boolean complete,
            String now, Reason expected) {
        CandlePage page = OandaCandles.parse(EUR_USD, granularity, "{\"instrument\":\"EUR_USD\",\"granularity\":\""
                + granularity + "\",\"candles\":[" + bar(time.replace("Z", ".000000000Z"), complete) + "]}", Instant.parse(now));
        assertThat(page.failure()).isNull();
        assertThat(page.received()).isEqualTo(1);
        if (expected == null) {
            assertThat(page.rejections()).isEmpty();
            assertThat(page.candles()).extracting(Candle::time).containsExactly(Instant.parse(time));
        } else {
            assertThat(page.candles()).isEmpty();
            assertThat(reasons(page)).containsExactly(expected);
            if (expected == Reason.FUTURE) {
                assertThat(page.rejections().get(0).detail()).startsWith("candle closes after now");
                assertThat(page.rejections().get(0).reason().tag()).isEqualTo("future");
            }
        }
    }

    @Test
    void futureCandlesAreRejectedWhileTheClosedOnesOfTheAnswerAreKept() {
        CandlePage page = OandaCandles.parse(EUR_USD, Granularity.H1, "{\"instrument\":\"EUR_USD\",\"granularity\":\"H1\","
                + "\"candles\":[" + good(8) + "," + good(9) + "," + good(10) + "]}", Instant.parse("2024-11-15T09:30:00Z"));
        assertThat(page.candles()).extracting(Candle::time).containsExactly(Instant.parse("2024-11-15T08:00:00Z"));
        assertThat(reasons(page)).containsExactly(Reason.FUTURE, Reason.FUTURE);
        assertThat(page.rejections()).extracting(CandleRejection::time)
                .containsExactly("2024-11-15T09:00:00.000000000Z", "2024-11-15T10:00:00.000000000Z");
    }

    // ---- 2. whose candles they are: the header is judged on the whole object, in any field order ----

    private static final String INSTRUMENT = "\"instrument\":\"EUR_USD\"";
    private static final String GRANULARITY = "\"granularity\":\"H1\"";
    private static final String CANDLES = "\"candles\":[" + good(1) + "," + good(2) + "]";
    private static final String CUT = "\"candles\":[" + good(1) + "," + good(2) + "," + good(3).substring(0, 40);

    static Stream<Arguments> headerCases() {
        return Stream.of(
                // name, body, candles kept, the failure (null: none) starts with / contains
                Arguments.of("header first", "{" + INSTRUMENT + "," + GRANULARITY + "," + CANDLES + "}", 2, null),
                Arguments.of("header after the candles", "{" + CANDLES + "," + GRANULARITY + "," + INSTRUMENT + "}", 2, null),
                Arguments.of("instrument after the candles, another one", "{" + GRANULARITY + "," + CANDLES
                        + ",\"instrument\":\"GBP_USD\"}", 0, "the answer is for instrument GBP_USD, not EUR_USD; its 2 candles not stored"),
                Arguments.of("instrument before the candles, another one", "{\"instrument\":\"GBP_USD\"," + GRANULARITY + ","
                        + CANDLES + "}", 0, "the answer is for instrument GBP_USD, not EUR_USD; its 2 candles not stored"),
                Arguments.of("instrument named twice, once wrong", "{" + INSTRUMENT + "," + GRANULARITY + "," + CANDLES
                        + ",\"instrument\":\"GBP_USD\"}", 0, "the answer is for instrument GBP_USD, not EUR_USD"),
                Arguments.of("instrument not a string", "{\"instrument\":{\"name\":\"EUR_USD\"}," + GRANULARITY + ","
                        + CANDLES + "}", 0, "the answer is for instrument (not a string), not EUR_USD"),
                Arguments.of("instrument missing", "{" + GRANULARITY + "," + CANDLES + "}", 0,
                        "the answer names no instrument; its 2 candles not stored"),
                Arguments.of("granularity missing", "{" + INSTRUMENT + "," + CANDLES + "}", 0,
                        "the answer names no granularity; its 2 candles not stored"),
                Arguments.of("granularity different, after the candles", "{" + INSTRUMENT + "," + CANDLES
                        + ",\"granularity\":\"M1\"}", 0, "the answer has granularity M1, not H1; its 2 candles not stored"),
                Arguments.of("granularity different, before the candles", "{" + INSTRUMENT + ",\"granularity\":\"D\","
                        + CANDLES + "}", 0, "the answer has granularity D, not H1; its 2 candles not stored"),
                Arguments.of("truncated after a valid header", "{" + INSTRUMENT + "," + GRANULARITY + "," + CUT, 2,
                        "malformed JSON after 2 candles"),
                Arguments.of("truncated before the header", "{" + CUT, 0,
                        "malformed JSON after 2 candles"),
                Arguments.of("truncated before the granularity", "{" + INSTRUMENT + "," + CUT, 0,
                        "malformed JSON after 2 candles"),
                Arguments.of("truncated after a wrong instrument", "{\"instrument\":\"GBP_USD\"," + GRANULARITY + "," + CUT, 0,
                        "malformed JSON after 2 candles"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerCases")
    void onlyAnAnswerThatNamesTheRequestedInstrumentAndGranularityKeepsItsCandles(String name, String body, int kept,
            String failure) {
        CandlePage page = OandaCandles.parse(EUR_USD, Granularity.H1, body, NOW);
        assertThat(page.candles()).hasSize(kept);
        assertThat(page.received()).isEqualTo(2);
        if (failure == null) {
            assertThat(page.failure()).isNull();
            assertThat(page.rejections()).isEmpty();
        } else {
            assertThat(page.failure()).startsWith(failure);
            assertThat(reasons(page)).containsOnly(Reason.MALFORMED_ANSWER);
        }
        if (kept == 0) {
            // every candle is accounted for by its own rejection, with its time and why
            assertThat(page.rejections()).extracting(CandleRejection::time)
                    .containsExactly("2024-11-15T01:00:00.000000000Z", "2024-11-15T02:00:00.000000000Z");
            assertThat(page.rejections()).allSatisfy(r -> assertThat(r.detail()).endsWith("; candle not stored"));
            assertThat(page.failure()).contains("not stored");
        } else if (failure != null) {
            assertThat(page.rejections()).singleElement().satisfies(r -> assertThat(r.time()).isEqualTo("-"));
        }
    }

    @Test
    void aTruncatedAnswerThatNeverNamedItsInstrumentKeepsNothingAndSaysWhy() {
        CandlePage page = OandaCandles.parse(EUR_USD, Granularity.H1, "{" + CUT, NOW);
        assertThat(page.candles()).isEmpty();
        assertThat(page.failure()).startsWith("malformed JSON after 2 candles")
                .endsWith("the answer was cut before it named its instrument, so its 2 candles not stored");
        assertThat(page.rejections()).allSatisfy(r -> assertThat(r.detail())
                .isEqualTo("the answer was cut before it named its instrument; candle not stored"));
    }

    @Test
    void badCandlesOfAWrongInstrumentAnswerKeepTheirOwnReason() {
        String bad = candle("2024-11-15T03:00:00.000000000Z", true, "\"1.0x\"", "\"1.05437\"", "\"1.05318\"", "\"1.05350\"", "1");
        CandlePage page = OandaCandles.parse(EUR_USD, Granularity.H1,
                "{\"candles\":[" + good(1) + "," + bad + "],\"instrument\":\"USD_JPY\",\"granularity\":\"H1\"}", NOW);
        assertThat(page.candles()).isEmpty();
        assertThat(reasons(page)).containsExactly(Reason.NON_NUMERIC, Reason.MALFORMED_ANSWER);
        assertThat(page.failure()).isEqualTo("the answer is for instrument USD_JPY, not EUR_USD; its 1 candle not stored");
    }
}
