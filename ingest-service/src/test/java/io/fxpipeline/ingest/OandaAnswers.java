package io.fxpipeline.ingest;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fxpipeline.ingest.feed.recorded.SyntheticHistory;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Answers in OANDA v20's exact format (docs/oanda-v20.md §3, §8) for the WireMock stub. */
public final class OandaAnswers {

    private OandaAnswers() {
    }

    public static String candlesPath(Pair pair) {
        return "/v3/instruments/" + pair.name() + "/candles";
    }

    /** One candle as v20 writes it: nine-digit UTC time, string prices, integer volume. */
    public static String candle(Candle c, boolean complete) {
        return "{\"complete\":" + complete + ",\"volume\":" + c.volume() + ",\"time\":\"" + v20Time(c.time())
                + "\",\"mid\":{\"o\":\"" + c.open().toPlainString() + "\",\"h\":\"" + c.high().toPlainString()
                + "\",\"l\":\"" + c.low().toPlainString() + "\",\"c\":\"" + c.close().toPlainString() + "\"}}";
    }

    public static String v20Time(Instant time) {
        return time.toString().replace("Z", ".000000000Z");
    }

    /** A candles answer from raw candle objects (valid or deliberately broken). */
    public static String answer(Pair pair, List<String> candleObjects) {
        return "{\"instrument\":\"" + pair.name() + "\",\"granularity\":\"H1\",\"candles\":["
                + String.join(",", candleObjects) + "]}";
    }

    public static String answerOf(Pair pair, List<Candle> candles) {
        return answer(pair, candles.stream().map(c -> candle(c, true)).collect(Collectors.toList()));
    }

    /** Market-hours H1 candles of one pair from {@code start} (weekends absent, as OANDA's). */
    public static List<Candle> history(Pair pair, Instant start, int count) {
        List<Candle> all = new ArrayList<>();
        int weeks = 1;
        while (all.size() < count) {
            all = SyntheticHistory.generate(List.of(pair), start, weeks, 7L).get(pair);
            weeks *= 2;
        }
        return all.subList(0, count);
    }

    /**
     * Serves {@code candles} the way v20 pages them with {@code from}+{@code count=5000}: the first request (no
     * includeFirst) gets the first 5000 whatever its {@code from}; each next request, from the previous page's
     * last time with includeFirst=false, gets the next page; after the last, an empty page.
     */
    public static void stubHistory(WireMockServer server, Pair pair, List<Candle> candles) {
        int pageSize = 5000;
        server.stubFor(get(urlPathEqualTo(candlesPath(pair))).withQueryParam("includeFirst", absent())
                .willReturn(ok(answerOf(pair, candles.subList(0, Math.min(pageSize, candles.size()))))));
        for (int start = pageSize; start <= candles.size(); start += pageSize) {
            Instant from = candles.get(start - 1).time();
            server.stubFor(get(urlPathEqualTo(candlesPath(pair)))
                    .withQueryParam("includeFirst", equalTo("false"))
                    .withQueryParam("from", equalTo(from.toString()))
                    .willReturn(ok(answerOf(pair, candles.subList(start, Math.min(start + pageSize, candles.size()))))));
        }
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("RequestID", "24942" + Math.abs(body.hashCode() % 100000)).withBody(body);
    }

    /** The hour {@code n} hours before now, on the hour. */
    public static Instant hoursAgo(int n) {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(n));
    }
}
