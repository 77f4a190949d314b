package io.fxpipeline.ingest.job;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.OandaStub;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.fxpipeline.ingest.OandaAnswers.candlesPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backfill: a window of history per pair, progress reported, resumable and safe to run twice. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
class BackfillTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<Pair> PAIRS = List.of(Pair.of("EUR_CHF"), Pair.of("AUD_NZD"));

    @OandaStub.Inject
    WireMockServer oanda;

    @Inject
    Backfill backfill;

    @Inject
    JobRuns runs;

    @Inject
    io.fxpipeline.ingest.service.CandleIngestion ingestion;

    private Instant firstFrom(Pair pair) {
        LoggedRequest ask = oanda.findAll(getRequestedFor(urlPathEqualTo(candlesPath(pair)))).get(0);
        return Instant.parse(ask.queryParameter("from").firstValue());
    }

    @Test
    void loadsTheWindowThenResumesFromTheNewestStoredCandleChangingNothing() {
        oanda.resetAll();
        Instant start = OandaAnswers.hoursAgo(24 * 20);
        for (Pair pair : PAIRS) {
            OandaAnswers.stubHistory(oanda, pair, OandaAnswers.history(pair, start, 200));
        }
        List<Candle> eurChf = OandaAnswers.history(PAIRS.get(0), start, 200);
        AtomicLong planned = new AtomicLong();
        AtomicLong received = new AtomicLong();
        Backfill.Listener listener = new Backfill.Listener() {
            @Override
            public void planned(int pairs, long expectedCandles) {
                planned.set(expectedCandles);
            }

            @Override
            public void received(long total) {
                received.set(total);
            }
        };

        Backfill.Report first = backfill.run(30, PAIRS, listener).await().atMost(WAIT);

        assertThat(first.outcome().status()).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(first.stored()).isEqualTo(400);
        assertThat(first.rows()).containsEntry(PAIRS.get(0), 200L).containsEntry(PAIRS.get(1), 200L);
        assertThat(received.get()).isEqualTo(400);
        // 30 days ≈ 514 trading hours per pair
        assertThat(planned.get()).isBetween(2 * 500L, 2 * 520L);
        LoggedRequest firstAsk = oanda.findAll(getRequestedFor(urlPathEqualTo(candlesPath(PAIRS.get(0))))).get(0);
        assertThat(Instant.parse(firstAsk.queryParameter("from").firstValue()))
                .isBetween(OandaAnswers.hoursAgo(24 * 30 + 1), OandaAnswers.hoursAgo(24 * 30));

        oanda.resetRequests();
        Backfill.Report second = backfill.run(30, PAIRS, new Backfill.Listener() { }).await().atMost(WAIT);

        assertThat(second.outcome().status()).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(second.stored()).isZero();
        assertThat(second.rows()).containsEntry(PAIRS.get(0), 200L).containsEntry(PAIRS.get(1), 200L);
        LoggedRequest resumed = oanda.findAll(getRequestedFor(urlPathEqualTo(candlesPath(PAIRS.get(0))))).get(0);
        assertThat(resumed.queryParameter("from").firstValue()).isEqualTo(eurChf.get(199).time().toString());
    }

    @Test
    void aPairWhoseAnswerHasNoUsableCandleFailsTheBackfillPartly() {
        oanda.resetAll();
        Pair good = Pair.of("NZD_JPY");
        Pair refused = Pair.of("GBP_AUD");
        Instant start = OandaAnswers.hoursAgo(24 * 6);
        OandaAnswers.stubHistory(oanda, good, OandaAnswers.history(good, start, 50));
        List<Candle> candles = OandaAnswers.history(refused, start, 9);
        // candles without mid prices: nothing of the answer can be stored
        oanda.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(candlesPath(refused)))
                .willReturn(OandaAnswers.ok(OandaAnswers.answer(refused, candles.stream()
                        .map(c -> OandaAnswers.candle(c, true).replace("\"mid\"", "\"ask\"")).toList()))));

        Backfill.Report report = backfill.run(7, List.of(good, refused), new Backfill.Listener() { }).await().atMost(WAIT);

        assertThat(report.outcome().status()).isEqualTo(JobRuns.Status.PARTIAL);
        assertThat(report.outcome().error()).startsWith("GBP_AUD: no usable candle in the answer from oanda")
                .contains("9 rejected (9 missing_field");
        assertThat(report.pairs()).filteredOn(p -> p.pair().equals(refused)).singleElement()
                .satisfies(p -> assertThat(p.failed()).isTrue());
        assertThat(report.pairs()).filteredOn(p -> p.pair().equals(good)).singleElement()
                .satisfies(p -> assertThat(p.stored()).isEqualTo(50));
        JobRuns.JobRun recorded = runs.latest(IngestJobs.BACKFILL, 1).await().atMost(WAIT).get(0);
        assertThat(recorded.status()).isEqualTo("PARTIAL");
        assertThat(recorded.error()).contains("GBP_AUD: no usable candle");
    }

    @Test
    void aWindowOutOfRangeIsRefused() {
        assertThatThrownBy(() -> backfill.run(0, PAIRS, new Backfill.Listener() { }).await().atMost(WAIT))
                .hasMessage("days must be 1 to 3650, was 0");
    }

    /** OANDA's answer to {@code from} (no includeFirst): every candle from then on (fewer than a page). */
    private void stubFrom(Pair pair, List<Candle> history, Instant from) {
        oanda.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(candlesPath(pair)))
                .withQueryParam("from", com.github.tomakehurst.wiremock.client.WireMock.equalTo(from.toString()))
                .willReturn(OandaAnswers.ok(OandaAnswers.answerOf(pair,
                        history.stream().filter(c -> !c.time().isBefore(from)).toList()))));
    }

    @Test
    void aPairWhoseHistoryDoesNotReachBackIsFetchedFromTheWindowsStartAndALongerWindowFromItsOwn() {
        oanda.resetAll();
        Pair pair = Pair.of("GBP_NZD"); // no other test stores it
        List<Candle> history = OandaAnswers.history(pair, OandaAnswers.hoursAgo(24 * 50), 600);
        Instant window30 = OandaAnswers.hoursAgo(24 * 30);
        Instant window45 = OandaAnswers.hoursAgo(24 * 45);
        stubFrom(pair, history, window30);
        stubFrom(pair, history, window45);
        stubFrom(pair, history, history.get(599).time());
        // the hourly job came first: only the newest two hours are stored
        ingestion.store(pair, io.fxpipeline.model.Granularity.H1, "oanda", history.subList(598, 600)).await().atMost(WAIT);

        Backfill.Report first = backfill.run(30, List.of(pair), new Backfill.Listener() { }).await().atMost(WAIT);
        assertThat(first.outcome().status()).as(String.valueOf(first.outcome().error())).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(firstFrom(pair)).as("from the window's start, not the newest stored hour").isEqualTo(window30);
        long in30 = history.stream().filter(c -> !c.time().isBefore(window30)).count();
        assertThat(first.rows()).containsEntry(pair, in30);
        assertThat(first.stored()).as("the two stored hours come back unchanged").isEqualTo((int) in30 - 2);

        oanda.resetRequests();
        backfill.run(30, List.of(pair), new Backfill.Listener() { }).await().atMost(WAIT);
        assertThat(firstFrom(pair)).as("covered: resumes at the newest").isEqualTo(history.get(599).time());

        oanda.resetRequests();
        Backfill.Report longer = backfill.run(45, List.of(pair), new Backfill.Listener() { }).await().atMost(WAIT);
        assertThat(firstFrom(pair)).isEqualTo(window45);
        assertThat(longer.rows()).containsEntry(pair, history.stream().filter(c -> !c.time().isBefore(window45)).count());
    }
}
