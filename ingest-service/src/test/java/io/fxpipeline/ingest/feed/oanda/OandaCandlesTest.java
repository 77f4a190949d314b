package io.fxpipeline.ingest.feed.oanda;

import io.fxpipeline.ingest.feed.CandlePage;
import io.fxpipeline.ingest.feed.CandleRejection;
import io.fxpipeline.ingest.feed.CandleRejection.Reason;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed case of oanda-v20.md §3 and §11.5 is rejected with its reason; the good candles stay. */
class OandaCandlesTest {

    private static final Pair EUR_USD = Pair.of("EUR_USD");

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
                "{\"instrument\":\"EUR_USD\",\"granularity\":\"H1\",\"candles\":[" + String.join(",", candles) + "]}");
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
                Reason.NON_NUMERIC, Reason.INCOMPLETE);
        assertThat(page.rejections()).allSatisfy(r -> assertThat(r.pair()).isEqualTo(EUR_USD));
        assertThat(page.rejections().get(0).time()).isEqualTo("2024-11-15T02:00:00.000000000Z");
        assertThat(page.rejections().get(0).detail()).contains("mid.o", "1.0x");
        assertThat(page.received()).isEqualTo(12);
        assertThat(page.forming()).isTrue();
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
        CandlePage page = OandaCandles.parse(EUR_USD, Granularity.H1, body);
        assertThat(page.candles()).hasSize(2);
        assertThat(page.failure()).startsWith("malformed JSON after 2 candles");
        assertThat(reasons(page)).containsExactly(Reason.MALFORMED_ANSWER);
    }

    @Test
    void answersThatAreNotCandleAnswersAreFailures() {
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1, "").failure()).isNotNull();
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1, "<html>502 Bad Gateway</html>").failure()).isNotNull();
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1, "[]").failure()).isEqualTo("the answer is not a JSON object");
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1, "{\"instrument\":\"EUR_USD\"}").failure())
                .isEqualTo("the answer has no 'candles' field");
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1,
                "{\"instrument\":\"GBP_USD\",\"candles\":[" + good(1) + "]}").failure())
                .isEqualTo("the answer is for instrument GBP_USD, not EUR_USD");
        assertThat(OandaCandles.parse(EUR_USD, Granularity.H1, "{\"candles\":{}}").failure()).isEqualTo("'candles' is not an array");
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
}
