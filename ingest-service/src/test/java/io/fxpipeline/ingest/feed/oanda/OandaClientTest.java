package io.fxpipeline.ingest.feed.oanda;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fxpipeline.ingest.OandaStub;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@QuarkusTestResource(OandaStub.class)
class OandaClientTest {

    private static final String CANDLES = "/v3/instruments/EUR_USD/candles";
    private static final String PRICING = "/v3/accounts/" + OandaStub.ACCOUNT + "/pricing";
    /** The test profile's fx.oanda.read-timeout and candles/Timeout/value (application.properties). */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final String BODY = """
            {"instrument":"EUR_USD","granularity":"H1","candles":[{"complete":true,"volume":2987,\
            "time":"2024-11-15T19:00:00.000000000Z","mid":{"o":"1.05405","h":"1.05437","l":"1.05318","c":"1.05350"}}]}""";

    @OandaStub.Inject
    WireMockServer oanda;

    @Inject
    OandaClient client;

    @BeforeEach
    void reset() {
        oanda.resetAll();
    }

    private String fetch() {
        return client.candles(Pair.of("EUR_USD"), Granularity.H1, Instant.parse("2024-11-15T19:00:00Z"), 5000, false)
                .await().atMost(Duration.ofSeconds(60));
    }

    @Test
    void sendsTheV20RequestWithTokenAndParameters() {
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("RequestID", "r1").withBody(BODY)));
        assertThat(fetch()).isEqualTo(BODY);
        oanda.verify(1, getRequestedFor(urlPathEqualTo(CANDLES))
                .withHeader("Authorization", equalTo("Bearer " + OandaStub.TOKEN))
                .withHeader("Accept-Datetime-Format", equalTo("RFC3339"))
                .withQueryParam("granularity", equalTo("H1"))
                .withQueryParam("price", equalTo("M"))
                .withQueryParam("from", equalTo("2024-11-15T19:00:00Z"))
                .withQueryParam("count", equalTo("5000"))
                .withQueryParam("includeFirst", equalTo("false")));
    }

    @Test
    void rateLimitIsRetriedAfterTheRetryAfterDelay() {
        // the test profile's backoff starts at 20 ms: a gap of a second can only come from Retry-After
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"errorMessage\":\"Rate limit exceeded\"}"))
                .willSetStateTo("calm"));
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).inScenario("429").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(200).withBody(BODY)));

        assertThat(fetch()).isEqualTo(BODY);

        List<LoggedRequest> requests = oanda.findAll(getRequestedFor(urlPathEqualTo(CANDLES)));
        assertThat(requests).hasSize(2);
        long gapMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).as("second attempt honours Retry-After: 1").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aRetryAfterLongerThanTheAttemptTimeoutIsHonouredInFull() {
        long retryAfter = ATTEMPT_TIMEOUT.toSeconds() + 1; // 3 s: a wait inside the 2 s attempt would be cut short
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", Long.toString(retryAfter))
                        .withBody("{\"errorMessage\":\"Rate limit exceeded\"}"))
                .willSetStateTo("calm"));
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).inScenario("429").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(200).withBody(BODY)));

        assertThat(fetch()).isEqualTo(BODY);

        List<LoggedRequest> requests = oanda.findAll(getRequestedFor(urlPathEqualTo(CANDLES)));
        assertThat(requests).as("one 429, then one retry that succeeds").hasSize(2);
        long gapMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).as("second attempt waits the whole Retry-After, beyond the per-attempt timeout")
                .isGreaterThanOrEqualTo(retryAfter * 1000);
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsRetried() {
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody(BODY)
                        .withFixedDelay((int) ATTEMPT_TIMEOUT.multipliedBy(2).toMillis()))
                .willSetStateTo("fast"));
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200).withBody(BODY)));

        assertThat(fetch()).isEqualTo(BODY);

        List<LoggedRequest> requests = oanda.findAll(getRequestedFor(urlPathEqualTo(CANDLES)));
        assertThat(requests).as("the slow attempt, then a retry").hasSize(2);
        long gapMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gapMillis).as("retried once the read timeout gave up on the first answer")
                .isGreaterThanOrEqualTo(READ_TIMEOUT.toMillis());
    }

    @Test
    void aPricingAnswerSlowerThanTheReadTimeoutIsRetried() {
        // pricing keeps its 10 s attempt timeout in tests: only the 1 s read timeout can end the first attempt
        oanda.stubFor(get(urlPathEqualTo(PRICING)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("{\"prices\":[]}").withFixedDelay(4000))
                .willSetStateTo("fast"));
        oanda.stubFor(get(urlPathEqualTo(PRICING)).inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200).withBody("{\"prices\":[]}")));

        assertThat(client.pricing(List.of(Pair.of("EUR_USD"))).await().atMost(Duration.ofSeconds(30)))
                .isEqualTo("{\"prices\":[]}");
        oanda.verify(2, getRequestedFor(urlPathEqualTo(PRICING)));
    }

    @Test
    void answersThatStaySlowAreRetriedABoundedNumberOfTimes() {
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).willReturn(aResponse().withStatus(200).withBody(BODY)
                .withFixedDelay((int) ATTEMPT_TIMEOUT.multipliedBy(2).toMillis())));

        assertThatThrownBy(this::fetch).hasRootCauseInstanceOf(TimeoutException.class);
        oanda.verify(5, getRequestedFor(urlPathEqualTo(CANDLES))); // the first attempt and maxRetries = 4
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenReported() {
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).willReturn(aResponse().withStatus(503)
                .withHeader("RequestID", "req-503").withBody("{\"errorMessage\":\"Service unavailable\"}")));

        assertThatThrownBy(this::fetch)
                .isInstanceOfSatisfying(OandaException.Retryable.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("Service unavailable").contains("req-503")
                            .doesNotContain(OandaStub.TOKEN);
                });
        oanda.verify(5, getRequestedFor(urlPathEqualTo(CANDLES)));
    }

    @Test
    void unauthorisedFailsFastWithoutRetryOrToken() {
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errorMessage\":\"Insufficient authorization to perform request.\"}")));

        assertThatThrownBy(this::fetch)
                .isInstanceOf(OandaException.Rejected.class)
                .hasMessageContaining("401").hasMessageContaining("Insufficient authorization")
                .message().doesNotContain(OandaStub.TOKEN);
        oanda.verify(1, getRequestedFor(urlPathEqualTo(CANDLES)));
    }

    @Test
    void badRequestReportsOandasMessage() {
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).willReturn(aResponse().withStatus(400)
                .withBody("{\"errorMessage\":\"Maximum value for 'count' exceeded\"}")));
        assertThatThrownBy(this::fetch).isInstanceOf(OandaException.Rejected.class)
                .hasMessageContaining("Maximum value for 'count' exceeded");
        oanda.verify(1, getRequestedFor(urlPathEqualTo(CANDLES)));
    }

    @Test
    void anUnreadableErrorBodyIsReportedNotThrownAround() {
        oanda.stubFor(get(urlPathEqualTo(CANDLES)).willReturn(aResponse().withStatus(404).withBody("<html>gone")));
        assertThatThrownBy(this::fetch).isInstanceOf(OandaException.Rejected.class)
                .hasMessageContaining("404").hasMessageContaining("unexpected body");
    }
}
