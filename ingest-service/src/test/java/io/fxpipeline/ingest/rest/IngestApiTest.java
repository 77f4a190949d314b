package io.fxpipeline.ingest.rest;

import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.service.CandleIngestion;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.model.Granularity;
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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The read API: candles by range, job runs, and problem+json for every kind of bad request. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
class IngestApiTest {

    private static final Pair PAIR = Pair.of("USD_CHF");

    @Inject
    CandleIngestion ingestion;

    @Inject
    JobRuns runs;

    @Test
    void candlesComeBackExactlyAsStoredWithinTheRange() {
        List<Candle> candles = OandaAnswers.history(PAIR, Instant.parse("2024-05-06T00:00:00Z"), 10);
        ingestion.store(PAIR, Granularity.H1, "oanda", candles).await().atMost(Duration.ofSeconds(30));

        given().get("/candles/USD_CHF?from=2024-05-06T02:00:00Z&to=2024-05-06T05:00:00Z").then().statusCode(200)
                .body("$", hasSize(3))
                .body("time", contains("2024-05-06T02:00:00Z", "2024-05-06T03:00:00Z", "2024-05-06T04:00:00Z"))
                .body("[0].c", equalTo(candles.get(2).close().toPlainString()))
                .body("[0].volume", equalTo(candles.get(2).volume().intValue()));
        given().get("/candles/USD_CHF?from=2024-05-06T00:00:00Z&limit=4&granularity=H1").then().statusCode(200)
                .body("$", hasSize(4));
        // Without from: the newest candles before to (not the first of the history), still oldest first.
        given().get("/candles/USD_CHF?to=2024-05-06T10:00:00Z&limit=3").then().statusCode(200)
                .body("time", contains("2024-05-06T07:00:00Z", "2024-05-06T08:00:00Z", "2024-05-06T09:00:00Z"))
                .body("[2].c", equalTo(candles.get(9).close().toPlainString()));
        // a tracked pair with nothing in range answers []; a pair not tracked (a typo) says so
        given().get("/candles/USD_CHF?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z").then().statusCode(200)
                .body("$", hasSize(0));
        given().get("/candles/USD_CFH").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no candles of USD_CFH: USD_CFH is not one of the tracked pairs (FX_PAIRS)"));
    }

    @Test
    void jobRunsComeNewestFirstAndOneJobCanBePicked() {
        Instant t = Instant.parse("2030-01-01T00:00:00Z"); // newer than any run the other tests record
        long backfill = runs.start(io.fxpipeline.ingest.job.IngestJobs.BACKFILL, t, JobRuns.Status.RUNNING).await().atMost(Duration.ofSeconds(30));
        runs.finish(backfill, new JobRuns.Outcome(JobRuns.Status.SUCCEEDED, 7200, null)).await().atMost(Duration.ofSeconds(30));
        for (int i = 1; i <= 3; i++) {
            long poll = runs.start(io.fxpipeline.ingest.job.IngestJobs.PRICES, t.plusSeconds(60L * i), JobRuns.Status.RUNNING)
                    .await().atMost(Duration.ofSeconds(30));
            runs.finish(poll, JobRuns.Outcome.succeeded(20)).await().atMost(Duration.ofSeconds(30));
        }
        given().get("/jobs?limit=2").then().statusCode(200).body("job", contains("prices", "prices"));
        given().get("/jobs?job=backfill&limit=1").then().statusCode(200)
                .body("job", contains("backfill")).body("[0].records", equalTo(7200)).body("[0].status", equalTo("SUCCEEDED"));
    }

    @Test
    void badRequestsAreProblemsNamingWhatIsWrong() {
        problem("/candles/EURUSD", "EURUSD");
        problem("/candles/USD_CHF?granularity=H7", "granularity 'H7' is not one of");
        problem("/candles/USD_CHF?from=yesterday", "from 'yesterday' is not an ISO-8601 instant");
        problem("/candles/USD_CHF?from=2024-05-07T00:00:00Z&to=2024-05-06T00:00:00Z", "from must be before to");
        problem("/candles/USD_CHF?limit=0", "limit must be 1 to 5000, was 0");
        problem("/candles/USD_CHF?limit=5001", "limit must be 1 to 5000, was 5001");
        problem("/jobs?limit=0", "limit must be 1 to 500, was 0");
        problem("/jobs?job=everything", "job must be one of hourly-candles, backfill, prices, retention, was 'everything'");
        problem("/prices/usd_chf", "usd_chf");
    }

    private static void problem(String path, String detail) {
        given().get(path).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", containsString(detail));
    }
}
