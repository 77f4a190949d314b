package io.fxpipeline.ingest.price;

import io.fxpipeline.model.Pair;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pricing answer of docs/oanda-v20.md §8: best bid/ask, exact mid, bad prices rejected one by one. */
class OandaPricesTest {

    private static final Set<Pair> ASKED = Set.of(Pair.of("EUR_USD"), Pair.of("USD_JPY"), Pair.of("GBP_USD"));

    static String price(String instrument, String bids, String asks, boolean tradeable) {
        return "{\"type\":\"PRICE\",\"instrument\":\"" + instrument + "\",\"time\":\"2024-11-15T19:42:09.871234567Z\","
                + "\"status\":\"" + (tradeable ? "tradeable" : "non-tradeable") + "\",\"tradeable\":" + tradeable
                + ",\"bids\":" + bids + ",\"asks\":" + asks + ",\"closeoutBid\":\"1.05359\",\"closeoutAsk\":\"1.05371\"}";
    }

    @Test
    void bestBidAndAskGiveAnExactMid() {
        Object parsed = OandaPrices.parse("{\"time\":\"2024-11-15T19:42:10.512345678Z\",\"prices\":[" + price("EUR_USD",
                "[{\"price\":\"1.05361\",\"liquidity\":1000000},{\"price\":\"1.05359\",\"liquidity\":2000000}]",
                "[{\"price\":\"1.05369\",\"liquidity\":1000000}]", true) + "]}", ASKED);
        OandaPrices.Parsed p = (OandaPrices.Parsed) parsed;
        assertThat(p.rejections()).isEmpty();
        PriceQuote q = p.quotes().get(0);
        assertThat(q.pair()).isEqualTo(Pair.of("EUR_USD"));
        assertThat(q.time()).isEqualTo(Instant.parse("2024-11-15T19:42:09.871234567Z"));
        assertThat(q.bid()).isEqualTo(new BigDecimal("1.05361"));
        assertThat(q.ask()).isEqualTo(new BigDecimal("1.05369"));
        assertThat(q.mid()).isEqualTo(new BigDecimal("1.053650"));
        assertThat(q.tradeable()).isTrue();
    }

    @Test
    void pricesSentAsJsonNumbersKeepTheirDigits() {
        OandaPrices.Parsed p = OandaPrices.parse("{\"prices\":[" + price("EUR_USD",
                "[{\"price\":1.05360,\"liquidity\":1000000}]", "[{\"price\":1.05370,\"liquidity\":1000000}]", true)
                + "]}", ASKED);
        assertThat(p.rejections()).isEmpty();
        assertThat(p.quotes().get(0).bid().toPlainString()).isEqualTo("1.05360");
        assertThat(p.quotes().get(0).ask().toPlainString()).isEqualTo("1.05370");
    }

    @Test
    void badPricesAreRejectedOneByOneAndTheOthersKept() {
        OandaPrices.Parsed p = OandaPrices.parse("{\"prices\":["
                + price("EUR_USD", "[]", "[{\"price\":\"1.05369\",\"liquidity\":1}]", true) + ","
                + price("USD_JPY", "[{\"price\":\"abc\",\"liquidity\":1}]", "[{\"price\":\"154.2\",\"liquidity\":1}]", true) + ","
                + price("GBP_USD", "[{\"price\":\"1.2700\",\"liquidity\":1}]", "[{\"price\":\"1.2690\",\"liquidity\":1}]", true) + ","
                + price("AUD_CHF", "[{\"price\":\"0.57\",\"liquidity\":1}]", "[{\"price\":\"0.58\",\"liquidity\":1}]", true) + ","
                + price("USD_JPY", "[{\"price\":\"154.100\",\"liquidity\":1}]", "[{\"price\":\"154.120\",\"liquidity\":1}]", false)
                + "]}", ASKED);
        assertThat(p.quotes()).extracting(q -> q.pair().name(), PriceQuote::tradeable).containsExactly(
                org.assertj.core.groups.Tuple.tuple("USD_JPY", false));
        assertThat(p.rejections()).hasSize(4);
        assertThat(p.rejections().get(0)).contains("EUR_USD", "no bids");
        assertThat(p.rejections().get(1)).contains("USD_JPY", "'abc' is not a number");
        assertThat(p.rejections().get(2)).contains("GBP_USD", "above ask");
        assertThat(p.rejections().get(3)).contains("AUD_CHF", "not asked for");
    }

    @Test
    void aHeartbeatIsSkippedAsNotAPriceAndAnEntryWithoutInstrumentSaysSo() {
        OandaPrices.Parsed p = OandaPrices.parse("{\"prices\":["
                + "{\"type\":\"HEARTBEAT\",\"time\":\"2024-11-15T19:42:15.000312456Z\"},"
                + price("EUR_USD", "[{\"price\":\"1.05361\",\"liquidity\":1}]", "[{\"price\":\"1.05369\",\"liquidity\":1}]", true)
                        .replace("\"type\":\"PRICE\",", "") + "," // older answers: no type, still a price
                + price("GBP_USD", "[{\"price\":\"1.2690\",\"liquidity\":1}]", "[{\"price\":\"1.2700\",\"liquidity\":1}]", true)
                        .replace("\"instrument\":\"GBP_USD\",", "") + ","
                + "42]}", ASKED);
        assertThat(p.quotes()).extracting(q -> q.pair().name()).containsExactly("EUR_USD");
        assertThat(p.skipped()).singleElement().hasToString("HEARTBEAT at 2024-11-15T19:42:15.000312456Z is not a price");
        assertThat(p.rejections()).containsExactly(
                "? 2024-11-15T19:42:09.871234567Z: price entry names no instrument",
                "price entry 42 is not an object");
    }

    @Test
    void malformedAnswersAreOneRejection() {
        assertThat(OandaPrices.parse("{\"prices\":[", ASKED).rejections()).singleElement().asString()
                .startsWith("malformed pricing answer");
        assertThat(OandaPrices.parse("{}", ASKED).rejections()).containsExactly("pricing answer has no 'prices' array");
    }
}
