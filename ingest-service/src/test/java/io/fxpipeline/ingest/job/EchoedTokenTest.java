package io.fxpipeline.ingest.job;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fxpipeline.ingest.LogCapture;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.OandaStub;
import io.fxpipeline.messaging.guard.Secrets;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: an OANDA (or proxy) answer that echoes the request's headers must not carry the token into the logs,
 * {@code ingest.job_runs.error} or {@code GET /jobs}.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
class EchoedTokenTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @OandaStub.Inject
    WireMockServer oanda;

    @Inject
    HourlyCandleJob job;

    @Inject
    Pool pool;

    @BeforeEach
    void reset() {
        oanda.resetAll();
    }

    @Test
    void anAnswerEchoingTheAuthorizationHeaderNeverReachesLogsStorageOrTheApi() {
        oanda.stubFor(get(urlPathMatching("/v3/instruments/EUR_.*")).willReturn(aResponse().withStatus(401)
                .withBody("{\"errorMessage\":\"Bad request. Echo: Authorization: Bearer " + OandaStub.TOKEN
                        + ", token=" + OandaStub.TOKEN + "\"}")));
        oanda.stubFor(get(urlPathMatching("/v3/instruments/(?!EUR_).*")).willReturn(aResponse().withStatus(400)
                .withBody("<html>proxy: GET with headers {Authorization=Bearer " + OandaStub.TOKEN
                        + ", Proxy-Authorization: Basic dXNlcjpzZWNyZXQ=}</html>")));
        JobRuns.Outcome outcome;
        try (LogCapture logs = LogCapture.start()) {
            outcome = job.run().await().atMost(WAIT);
            assertThat(logs.lines()).anyMatch(l -> l.contains("OANDA answered 401"));
            assertThat(logs.lines()).noneMatch(l -> l.contains(OandaStub.TOKEN) || l.contains("dXNlcjpzZWNyZXQ="));
        }
        assertThat(outcome.status()).isEqualTo(JobRuns.Status.FAILED);
        assertThat(outcome.error()).contains("OANDA answered 401").contains(Secrets.REDACTED)
                .doesNotContain(OandaStub.TOKEN);
        String stored = pool.query("SELECT string_agg(coalesce(error, ''), ' ') FROM ingest.job_runs").execute()
                .await().atMost(WAIT).iterator().next().getString(0);
        assertThat(stored).contains(Secrets.REDACTED).doesNotContain(OandaStub.TOKEN).doesNotContain("dXNlcjpzZWNyZXQ=");
        String served = given().get("/jobs?limit=50").then().statusCode(200).extract().asString();
        assertThat(served).contains("OANDA answered").doesNotContain(OandaStub.TOKEN).doesNotContain("dXNlcjpzZWNyZXQ=");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Authorization: Bearer abc.def-123 and more | Authorization: [redacted] and more",
            "{\"authorization\":\"Bearer xyz123456\"} | {\"authorization\":\"[redacted]\"}",
            "headers {Authorization=Basic dXNlcjpw, Accept=*/*} | headers {Authorization=[redacted], Accept=*/*}",
            "sent bearer eyJhbGciOi.payload.sig here | sent bearer [redacted] here",
            "no secret here: 401 Unauthorized | no secret here: 401 Unauthorized",
    })
    void scrubsAuthorizationValuesWhoeverSentThem(String text, String expected) {
        assertThat(Secrets.scrub(text)).isEqualTo(expected);
    }
}
