package io.fxpipeline.ingest.service;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fxpipeline.ingest.LogCapture;
import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.OandaStub;
import io.fxpipeline.ingest.service.CandleSync.PairSync;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.fxpipeline.ingest.OandaAnswers.answer;
import static io.fxpipeline.ingest.OandaAnswers.candle;
import static io.fxpipeline.ingest.OandaAnswers.candlesPath;
import static io.fxpipeline.ingest.OandaAnswers.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Paging, validation and storage of OANDA candles, against the stub, real PostgreSQL and a real subscriber. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
class CandleSyncTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @OandaStub.Inject
    WireMockServer oanda;

    @Inject
    CandleSync sync;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @BeforeEach
    void reset() {
        oanda.resetAll();
    }

    /** This class's rows: before 2025 (other classes sharing the app store recent hours of the same pairs). */
    private List<Candle> stored(Pair pair) {
        List<Candle> candles = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT time, open, high, low, close, volume FROM ingest.candles WHERE pair = $1 AND time < '2025-01-01' ORDER BY time")
                .execute(Tuple.of(pair.name())).await().atMost(WAIT)) {
            candles.add(new Candle(r.getOffsetDateTime(0).toInstant(), r.getBigDecimal(1), r.getBigDecimal(2),
                    r.getBigDecimal(3), r.getBigDecimal(4), r.getLong(5)));
        }
        return candles;
    }

    private double rejected(Pair pair, String reason) {
        Counter counter = meters.find("fx.ingest.candles.rejected").tags("pair", pair.name(), "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void pagesPastOandasCapOf5000AcrossWeekends() {
        Pair pair = Pair.of("GBP_USD");
        List<Candle> history = OandaAnswers.history(pair, Instant.parse("2023-01-01T22:00:00Z"), 6_200);
        OandaAnswers.stubHistory(oanda, pair, history);

        PairSync result = sync.sync(pair, Granularity.H1, history.get(0).time(), n -> { }).await().atMost(WAIT);

        assertThat(result.error()).isNull();
        assertThat(result.received()).isEqualTo(6_200);
        assertThat(result.stored()).isEqualTo(6_200);
        assertThat(stored(pair)).isEqualTo(history);
        // weekends are simply absent, as in OANDA's answers; nothing was invented for them
        assertThat(stored(pair)).noneMatch(c -> c.time().atOffset(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.SATURDAY);
        List<LoggedRequest> requests = oanda.findAll(getRequestedFor(urlPathEqualTo(candlesPath(pair))));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).queryParameter("from").firstValue()).isEqualTo("2023-01-01T22:00:00Z");
        assertThat(requests.get(0).queryParameter("count").firstValue()).isEqualTo("5000");
        assertThat(requests.get(0).queryParameter("includeFirst").isPresent()).isFalse();
        assertThat(requests.get(1).queryParameter("from").firstValue()).isEqualTo(history.get(4_999).time().toString());
        assertThat(requests.get(1).queryParameter("includeFirst").firstValue()).isEqualTo("false");
        assertThat(requests.get(1).queryParameter("price").firstValue()).isEqualTo("M");
    }

    @Test
    void badCandlesAreCountedAndLoggedWhileTheGoodOnesOfTheAnswerAreStored() {
        Pair pair = Pair.of("AUD_USD");
        List<Candle> good = OandaAnswers.history(pair, Instant.parse("2024-03-04T00:00:00Z"), 4);
        String t = "2024-03-04T%02d:00:00.000000000Z";
        List<String> answer = new ArrayList<>();
        answer.add(candle(good.get(0), true));
        answer.add("{\"complete\":true,\"volume\":5,\"time\":\"" + t.formatted(10) + "\",\"mid\":{\"o\":\"0.6x\",\"h\":\"0.66\",\"l\":\"0.65\",\"c\":\"0.655\"}}");
        answer.add(candle(good.get(1), true));
        answer.add("{\"complete\":true,\"volume\":5,\"time\":\"" + t.formatted(11) + "\",\"mid\":{\"o\":\"0.6560\",\"h\":\"0.6550\",\"l\":\"0.6500\",\"c\":\"0.6540\"}}");
        answer.add("{\"complete\":true,\"volume\":5,\"time\":\"" + t.formatted(12) + "\",\"mid\":{\"o\":\"0.6560\",\"h\":\"0.6600\",\"l\":\"0.6570\",\"c\":\"0.6540\"}}");
        answer.add("{\"complete\":true,\"volume\":5,\"time\":\"2024-03-04T13:15:00.000000000Z\",\"mid\":{\"o\":\"0.6560\",\"h\":\"0.6600\",\"l\":\"0.6500\",\"c\":\"0.6540\"}}");
        answer.add("{\"complete\":true,\"volume\":5,\"time\":\"" + t.formatted(14) + "\",\"mid\":{\"o\":\"0\",\"h\":\"0.6600\",\"l\":\"0.6500\",\"c\":\"0.6540\"}}");
        answer.add(candle(good.get(2), true));
        answer.add(candle(good.get(2), true));
        // the forming candle: the newest of the answer, as in every recent v20 answer
        Candle forming = new Candle(Instant.parse("2024-03-04T15:00:00Z"), good.get(3).open(), good.get(3).high(),
                good.get(3).low(), good.get(3).close(), good.get(3).volume());
        answer.add(candle(forming, false));
        oanda.stubFor(get(urlPathEqualTo(candlesPath(pair))).willReturn(ok(answer(pair, answer))));
        String[] reasons = {"non_numeric", "high_below_max", "low_above_min", "misaligned", "non_positive", "duplicate"};
        double[] before = new double[reasons.length];
        for (int i = 0; i < reasons.length; i++) {
            before[i] = rejected(pair, reasons[i]);
        }
        double incompleteBefore = rejected(pair, "incomplete");
        double pendingBefore = pending(pair);

        PairSync result;
        try (LogCapture logs = LogCapture.start()) {
            result = sync.sync(pair, Granularity.H1, good.get(0).time(), n -> { }).await().atMost(WAIT);
            assertThat(logs.lines()).anyMatch(l -> l.contains("candle rejected: AUD_USD 2024-03-04T10:00:00.000000000Z non_numeric"));
            assertThat(logs.lines()).anyMatch(l -> l.contains("candle rejected: AUD_USD 2024-03-04T11:00:00.000000000Z high_below_max"));
            assertThat(logs.lines()).as("the forming candle is no rejection")
                    .noneMatch(l -> l.contains("candle rejected: AUD_USD " + OandaAnswers.v20Time(forming.time())));
        }

        assertThat(result.error()).isNull();
        assertThat(result.stored()).isEqualTo(3);
        assertThat(result.rejected()).isEqualTo(6);
        assertThat(result.pending()).isEqualTo(1);
        assertThat(rejected(pair, "incomplete") - incompleteBefore).isZero();
        assertThat(pending(pair) - pendingBefore).isEqualTo(1.0);
        assertThat(stored(pair)).isEqualTo(good.subList(0, 3));
        for (int i = 0; i < reasons.length; i++) {
            assertThat(rejected(pair, reasons[i]) - before[i]).as(reasons[i]).isEqualTo(1.0);
        }
    }

    private double pending(Pair pair) {
        return counted("fx.ingest.candles.pending", pair);
    }

    private double counted(String meter, Pair pair) {
        Counter counter = meters.find(meter).tags("pair", pair.name()).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anAnswerWhoseCandlesAreAllRefusedFailsThePair() {
        Pair pair = Pair.of("EUR_CAD");
        List<Candle> candles = OandaAnswers.history(pair, Instant.parse("2024-05-06T00:00:00Z"), 9);
        // bid/ask candles where mid was asked for: nothing usable, only the forming one is expected to lack data
        List<String> noMid = new ArrayList<>(candles.stream().map(c -> candle(c, true).replace("\"mid\"", "\"bid\""))
                .toList());
        noMid.add(candle(OandaAnswers.history(pair, Instant.parse("2024-05-07T09:00:00Z"), 1).get(0), false));
        oanda.stubFor(get(urlPathEqualTo(candlesPath(pair))).willReturn(ok(answer(pair, noMid))));
        double failedBefore = failed(pair);

        PairSync result = sync.sync(pair, Granularity.H1, candles.get(0).time(), n -> { }).await().atMost(WAIT);

        assertThat(result.failed()).isTrue();
        assertThat(result.error()).startsWith("no usable candle in the answer from oanda from " + candles.get(0).time())
                .contains("9 rejected (9 missing_field; first: " + OandaAnswers.v20Time(candles.get(0).time())
                        + " mid prices are missing)");
        assertThat(result.stored()).isZero();
        assertThat(result.rejected()).isEqualTo(9);
        assertThat(result.pending()).isEqualTo(1);
        assertThat(stored(pair)).isEmpty();
        assertThat(failed(pair) - failedBefore).isEqualTo(1.0);

        // only the forming candle: nothing was expected, so nothing failed
        Pair quiet = Pair.of("CHF_JPY");
        oanda.stubFor(get(urlPathEqualTo(candlesPath(quiet))).willReturn(ok(answer(quiet,
                List.of(candle(OandaAnswers.history(quiet, Instant.parse("2024-05-07T09:00:00Z"), 1).get(0), false))))));
        PairSync forming = sync.sync(quiet, Granularity.H1, Instant.parse("2024-05-07T09:00:00Z"), n -> { }).await().atMost(WAIT);
        assertThat(forming.failed()).isFalse();
        assertThat(forming.rejected()).isZero();
        assertThat(forming.pending()).isEqualTo(1);
    }

    private double failed(Pair pair) {
        return counted("fx.ingest.pairs.failed", pair);
    }

    @Test
    void aTruncatedAnswerStoresTheWholeCandlesAndReportsThePair() {
        Pair pair = Pair.of("NZD_USD");
        List<Candle> good = OandaAnswers.history(pair, Instant.parse("2024-03-04T00:00:00Z"), 3);
        String body = answer(pair, List.of(candle(good.get(0), true), candle(good.get(1), true), candle(good.get(2), true)));
        oanda.stubFor(get(urlPathEqualTo(candlesPath(pair))).willReturn(ok(body.substring(0, body.length() - 60))));

        PairSync result = sync.sync(pair, Granularity.H1, good.get(0).time(), n -> { }).await().atMost(WAIT);

        assertThat(result.failed()).isTrue();
        assertThat(result.error()).contains("malformed answer from oanda", "malformed JSON after 2 candles");
        assertThat(stored(pair)).isEqualTo(good.subList(0, 2));
    }

    @Test
    void aWrongInstrumentAnswerStoresNothingAndReportsThePair() {
        Pair pair = Pair.of("USD_JPY");
        List<Candle> candles = OandaAnswers.history(pair, Instant.parse("2024-04-01T00:00:00Z"), 3);
        // another pair's answer, its header after the candles: nothing may be stored before the header is read
        String body = "{\"candles\":[" + String.join(",", candles.stream().map(c -> candle(c, true)).toList())
                + "],\"granularity\":\"H1\",\"instrument\":\"EUR_USD\"}";
        oanda.stubFor(get(urlPathEqualTo(candlesPath(pair))).willReturn(ok(body)));
        double before = rejected(pair, "malformed_answer");

        PairSync result = sync.sync(pair, Granularity.H1, candles.get(0).time(), n -> { }).await().atMost(WAIT);

        assertThat(result.failed()).isTrue();
        assertThat(result.error()).contains("malformed answer from oanda",
                "the answer is for instrument EUR_USD, not USD_JPY; its 3 candles not stored");
        assertThat(result.stored()).isZero();
        assertThat(result.received()).isEqualTo(3);
        assertThat(result.rejected()).isEqualTo(3);
        assertThat(stored(pair)).isEmpty();
        assertThat(rejected(pair, "malformed_answer") - before).isEqualTo(3.0);
    }

    @Test
    void aCompleteCandleInTheFutureIsNotStored() {
        Pair pair = Pair.of("GBP_CHF");
        List<Candle> two = OandaAnswers.history(pair, Instant.parse("2024-04-01T00:00:00Z"), 2);
        Instant ahead = OandaAnswers.hoursAgo(-3);
        Candle future = new Candle(ahead, two.get(1).open(), two.get(1).high(), two.get(1).low(), two.get(1).close(), 9L);
        oanda.stubFor(get(urlPathEqualTo(candlesPath(pair)))
                .willReturn(ok(answer(pair, List.of(candle(two.get(0), true), candle(future, true))))));
        double before = rejected(pair, "future");

        PairSync result = sync.sync(pair, Granularity.H1, two.get(0).time(), n -> { }).await().atMost(WAIT);

        assertThat(result.error()).isNull();
        assertThat(result.stored()).isEqualTo(1);
        assertThat(stored(pair)).containsExactly(two.get(0));
        assertThat(rejected(pair, "future") - before).isEqualTo(1.0);
        long later = pool.preparedQuery("SELECT count(*) FROM ingest.candles WHERE pair = $1 AND time >= now()")
                .execute(Tuple.of(pair.name())).await().atMost(WAIT).iterator().next().getLong(0);
        assertThat(later).isZero();
    }

    @Test
    void aServerAnsweringTheSameFullPageForeverStopsTheSyncAndReportsThePair() {
        Pair pair = Pair.of("EUR_JPY");
        List<Candle> page = OandaAnswers.history(pair, Instant.parse("2023-06-05T00:00:00Z"), 5000);
        // whatever 'from' is asked, the same 5000 candles: without a progress check the sync would ask forever
        oanda.stubFor(get(urlPathEqualTo(candlesPath(pair))).willReturn(ok(OandaAnswers.answerOf(pair, page))));

        PairSync result = sync.sync(pair, Granularity.H1, page.get(0).time(), n -> { }).await().atMost(WAIT);

        assertThat(result.failed()).isTrue();
        assertThat(result.error()).contains("paging made no progress", "from " + page.get(4_999).time());
        List<LoggedRequest> requests = oanda.findAll(getRequestedFor(urlPathEqualTo(candlesPath(pair))));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).queryParameter("from").firstValue()).isEqualTo(page.get(4_999).time().toString());
        // the first page was good and stays stored; the repeat changed nothing
        assertThat(result.stored()).isEqualTo(5000);
        assertThat(stored(pair)).isEqualTo(page);
    }

    @Test
    void aReFetchChangesNothingAndACorrectionIsStoredAndAnnounced() {
        Pair pair = Pair.of("USD_CAD");
        List<Candle> candles = OandaAnswers.history(pair, Instant.parse("2024-03-04T00:00:00Z"), 5);
        Channels channels = new Channels(prefix);
        MessageCodec codec = new MessageCodec();
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.dataReady())) {
            oanda.stubFor(get(urlPathEqualTo(candlesPath(pair))).willReturn(ok(OandaAnswers.answerOf(pair, candles))));
            assertThat(sync.sync(pair, Granularity.H1, candles.get(0).time(), n -> { }).await().atMost(WAIT).stored()).isEqualTo(5);
            assertThat(sync.sync(pair, Granularity.H1, candles.get(0).time(), n -> { }).await().atMost(WAIT).stored()).isZero();

            Candle last = candles.get(4);
            Candle corrected = new Candle(last.time(), last.open(), last.high().add(new BigDecimal("0.00100")), last.low(),
                    last.high().add(new BigDecimal("0.00050")), last.volume() + 1);
            List<Candle> fixed = new ArrayList<>(candles.subList(0, 4));
            fixed.add(corrected);
            oanda.resetAll();
            oanda.stubFor(get(urlPathEqualTo(candlesPath(pair))).willReturn(ok(OandaAnswers.answerOf(pair, fixed))));
            assertThat(sync.sync(pair, Granularity.H1, candles.get(0).time(), n -> { }).await().atMost(WAIT).stored()).isEqualTo(1);

            assertThat(stored(pair)).isEqualTo(fixed);
            await().atMost(WAIT).until(() -> ours(recorder, channels, codec, pair).size() == 2);
            List<CandlesReady> messages = ours(recorder, channels, codec, pair);
            assertThat(messages.get(0).candles()).isEqualTo(candles);
            assertThat(messages.get(0).count()).isEqualTo(5);
            assertThat(messages.get(1).candles()).containsExactly(corrected);
            assertThat(messages.get(1).seq()).isEqualTo(messages.get(0).seq() + 1);
        }
    }

    private static List<CandlesReady> ours(ChannelRecorder recorder, Channels channels, MessageCodec codec, Pair pair) {
        return recorder.payloads(channels.dataReady()).stream().map(p -> codec.decode(p, CandlesReady.class))
                .filter(m -> m.pair().equals(pair)).toList();
    }
}
