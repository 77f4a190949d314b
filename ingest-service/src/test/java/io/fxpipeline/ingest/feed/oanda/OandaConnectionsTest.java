package io.fxpipeline.ingest.feed.oanda;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fxpipeline.ingest.ConnectionCounter;
import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.OandaStub;
import io.fxpipeline.ingest.job.Backfill;
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

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.fxpipeline.ingest.OandaAnswers.candlesPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OANDA's connection rule (docs/oanda-v20.md §7), counted at the TCP level by the relay in front of the stub: a backfill
 * whose requests would want four connections at once opens two in its first second, reuses them, and never opens
 * a third within a second of the first two.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
class OandaConnectionsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Pairs only this class stores (none tracked, none another class writes). */
    private static final List<Pair> PAIRS = List.of(Pair.of("CHF_NZD"), Pair.of("GBP_CAD"), Pair.of("AUD_CAD"),
            Pair.of("NZD_CAD"), Pair.of("CAD_CHF"), Pair.of("NZD_CHF"), Pair.of("AUD_CHF"), Pair.of("USD_NZD"));
    /** Slow enough that the four pairs fetched at once (FX_FETCH_CONCURRENCY) all want a connection in the first second. */
    private static final int ANSWER_DELAY_MILLIS = 300;

    @OandaStub.Inject
    WireMockServer oanda;

    @OandaStub.Inject
    ConnectionCounter connections;

    @Inject
    Backfill backfill;

    @Inject
    OandaClient client;

    @Test
    void aBackfillOpensAtMostTwoConnectionsASecondAndReusesThem() {
        oanda.resetAll();
        Instant start = OandaAnswers.hoursAgo(24 * 20);
        for (Pair pair : PAIRS) {
            List<Candle> history = OandaAnswers.history(pair, start, 100);
            oanda.stubFor(get(urlPathEqualTo(candlesPath(pair))).willReturn(
                    OandaAnswers.ok(OandaAnswers.answerOf(pair, history)).withFixedDelay(ANSWER_DELAY_MILLIS)));
        }
        // an empty pool: every connection the backfill uses is one it opens
        connections.dropAll();
        await().atMost(WAIT).until(() -> client.openConnections() == 0);
        connections.reset();

        Instant began = Instant.now();
        Backfill.Report report = backfill.run(30, PAIRS, new Backfill.Listener() { }).await().atMost(WAIT);

        assertThat(report.outcome().status()).as(String.valueOf(report.outcome().error())).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(report.stored()).isEqualTo(PAIRS.size() * 100);
        var logged = oanda.findAll(getRequestedFor(urlPathMatching("/v3/instruments/.*")));
        int requests = logged.size();
        assertThat(requests).as(logged.stream().map(r -> r.getLoggedDate().toInstant() + " " + r.getUrl()).toList()
                + " opened " + connections.accepted() + " began " + began).isGreaterThanOrEqualTo(PAIRS.size());
        List<Instant> opened = connections.accepted();
        assertThat(opened).as("connections opened").isNotEmpty();
        assertThat(opened).as("connections opened in the backfill's first second (from its first connect)")
                .filteredOn(t -> t.isBefore(opened.get(0).plusSeconds(1))).hasSize(OandaClient.NEW_CONNECTIONS_PER_SECOND);
        for (int i = 0; i + OandaClient.NEW_CONNECTIONS_PER_SECOND < opened.size(); i++) {
            Instant third = opened.get(i + OandaClient.NEW_CONNECTIONS_PER_SECOND);
            assertThat(Duration.between(opened.get(i), third)).as("openings %s", opened)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(opened).as("a bounded pool, its connections reused").hasSizeLessThanOrEqualTo(OandaClient.MAX_CONNECTIONS)
                .hasSizeLessThan(requests);
    }
}
