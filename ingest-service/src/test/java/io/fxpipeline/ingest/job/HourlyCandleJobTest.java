package io.fxpipeline.ingest.job;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fxpipeline.ingest.LogCapture;
import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.OandaStub;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.fxpipeline.ingest.OandaAnswers.candle;
import static io.fxpipeline.ingest.OandaAnswers.candlesPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hourly job: every pair's last two hours, failed pairs reported, one run across replicas, no token in logs. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
class HourlyCandleJobTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pair FAILING = Pair.of("CHF_JPY");

    @OandaStub.Inject
    WireMockServer oanda;

    @Inject
    HourlyCandleJob job;

    @Inject
    JobRuns runs;

    @Inject
    Pool pool;

    @Inject
    io.quarkus.redis.datasource.ReactiveRedisDataSource redis;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "fx.prefix")
    String prefix;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "fx.fetch-concurrency")
    int fetchConcurrency;

    private final io.fxpipeline.model.codec.MessageCodec codec = new io.fxpipeline.model.codec.MessageCodec();

    @BeforeEach
    void reset() {
        oanda.resetAll();
    }

    /** Every pair answers the two closed hours and the forming one; CHF_JPY's server keeps failing. */
    private void stubLastHours() {
        for (Pair pair : TrackedPairs.DEFAULT) {
            if (pair.equals(FAILING)) {
                oanda.stubFor(get(urlPathEqualTo(candlesPath(pair))).willReturn(aResponse().withStatus(503)
                        .withBody("{\"errorMessage\":\"Service unavailable\"}")));
                continue;
            }
            List<Candle> three = OandaAnswers.history(pair, Instant.parse("2024-01-08T00:00:00Z"), 3);
            List<Candle> recent = List.of(shift(three.get(0), OandaAnswers.hoursAgo(2)), shift(three.get(1), OandaAnswers.hoursAgo(1)));
            oanda.stubFor(get(urlPathEqualTo(candlesPath(pair))).willReturn(OandaAnswers.ok(OandaAnswers.answer(pair,
                    List.of(candle(recent.get(0), true), candle(recent.get(1), true),
                            candle(shift(three.get(2), OandaAnswers.hoursAgo(0)), false))))));
        }
    }

    private static Candle shift(Candle c, Instant time) {
        return new Candle(time, c.open(), c.high(), c.low(), c.close(), c.volume());
    }

    private long storedSince(Instant from) {
        return pool.preparedQuery("SELECT count(*) FROM ingest.candles WHERE time >= $1 AND source = 'oanda'")
                .execute(Tuple.of(from.atOffset(java.time.ZoneOffset.UTC))).await().atMost(WAIT).iterator().next().getLong(0);
    }

    @Test
    void fetchesTheLastTwoHoursOfEveryPairAndReportsTheFailedOne() {
        stubLastHours();
        Instant before = OandaAnswers.hoursAgo(2);

        JobRuns.Outcome outcome = job.run().await().atMost(WAIT);

        assertThat(outcome.status()).isEqualTo(JobRuns.Status.PARTIAL);
        assertThat(outcome.error()).startsWith("CHF_JPY: OANDA answered 503: Service unavailable");
        assertThat(outcome.records()).isLessThanOrEqualTo(19 * 2);
        assertThat(storedSince(before)).isEqualTo(19 * 2);
        // from = two hours before the current hour, the forming candle kept out
        // (GBP_AUD: only this class stores it, so its newest candle is never older than the lookback here)
        LoggedRequest gbpAud = oanda.findAll(getRequestedFor(urlPathEqualTo(candlesPath(Pair.of("GBP_AUD"))))).get(0);
        assertThat(Instant.parse(gbpAud.queryParameter("from").firstValue())).isIn(before, OandaAnswers.hoursAgo(2));
        // the failing pair was retried (5xx), the others asked once
        assertThat(oanda.findAll(getRequestedFor(urlPathEqualTo(candlesPath(FAILING))))).hasSize(5);
        JobRuns.JobRun recorded = runs.latest(20).await().atMost(WAIT).stream()
                .filter(r -> r.job().equals(IngestJobs.HOURLY) && r.status().equals("PARTIAL")).findFirst().orElseThrow();
        assertThat(recorded.finished()).isNotNull();
        assertThat(recorded.error()).contains("CHF_JPY");

        // a second run an instant later stores nothing new: idempotent
        JobRuns.Outcome again = job.run().await().atMost(WAIT);
        assertThat(again.records()).isZero();
        assertThat(storedSince(before)).isEqualTo(19 * 2);
    }

    @Test
    void anotherReplicaHoldingTheLockMakesThisRunSkip() {
        stubLastHours();
        SqlConnection otherReplica = pool.getConnection().await().atMost(WAIT);
        Transaction tx = otherReplica.begin().await().atMost(WAIT);
        try {
            otherReplica.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(runs.lockKey(IngestJobs.HOURLY)))
                    .await().atMost(WAIT);

            JobRuns.Outcome outcome = job.run().await().atMost(WAIT);

            assertThat(outcome.status()).isEqualTo(JobRuns.Status.SKIPPED);
            assertThat(oanda.findAll(getRequestedFor(urlPathMatching("/v3/instruments/.*")))).isEmpty();
        } finally {
            tx.rollback().await().atMost(WAIT);
            otherReplica.close().await().atMost(WAIT);
        }
        assertThat(job.run().await().atMost(WAIT).status()).isEqualTo(JobRuns.Status.PARTIAL);
    }

    @Test
    void twoRunsAtOnceMeanOneRunAndOneSkip() {
        stubLastHours();
        List<JobRuns.Outcome> outcomes = Uni.join().all(job.run(), job.run()).andFailFast().await().atMost(WAIT);
        assertThat(outcomes).extracting(JobRuns.Outcome::status)
                .containsExactlyInAnyOrder(JobRuns.Status.PARTIAL, JobRuns.Status.SKIPPED);
    }

    @Test
    void aRejectedTokenFailsTheRunAtOnceSaysWhyOnceAndTheTokenIsNeverLogged() {
        oanda.stubFor(get(urlPathMatching("/v3/instruments/.*")).willReturn(aResponse().withStatus(401)
                .withHeader("RequestID", "77") .withBody("{\"errorMessage\":\"Insufficient authorization to perform request.\"}")));
        long runsBefore = failedHourlyRuns();
        Channels channels = new Channels(prefix);
        JobRuns.Outcome outcome;
        try (LogCapture logs = LogCapture.start();
                ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.systemAlerts())) {
            outcome = job.run().await().atMost(WAIT);
            assertThat(logs.lines()).anyMatch(l -> l.contains("Insufficient authorization"));
            assertThat(logs.lines()).noneMatch(l -> l.contains(OandaStub.TOKEN));
            // a second run meets the same rejection: the state has not changed, nothing more is announced
            job.run().await().atMost(WAIT);
            // Redis orders publications: once this marker arrives, whatever the two runs announced has too
            redis.pubsub(String.class).publish(channels.systemAlerts(), "marker").await().atMost(WAIT);
            await().atMost(WAIT).until(() -> recorder.payloads(channels.systemAlerts()).contains("marker"));
            List<SystemAlert> rejected = recorder.payloads(channels.systemAlerts()).stream()
                    .filter(p -> !p.equals("marker")).map(p -> codec.decode(p, SystemAlert.class))
                    .filter(a -> a.kind() == SystemAlert.Kind.TOKEN_REJECTED).toList();
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).subject()).isEqualTo("OANDA_API_KEY");
            assertThat(rejected.get(0).message()).contains("OANDA answered 401: Insufficient authorization")
                    .doesNotContain(OandaStub.TOKEN);
        }
        assertThat(outcome.status()).isEqualTo(JobRuns.Status.FAILED);
        assertThat(outcome.error()).contains("OANDA answered 401: Insufficient authorization")
                .contains("not asked: OANDA rejected the token in this run").doesNotContain(OandaStub.TOKEN);
        assertThat(failedHourlyRuns()).isEqualTo(runsBefore + 2);
        // the per-job gauges the shipped alerting rules use
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("fx_job_consecutive_failures{job=\"hourly-candles\"}"))
                .body(org.hamcrest.Matchers.containsString("fx_job_last_duration_seconds{job=\"hourly-candles\"}"))
                .body(org.hamcrest.Matchers.containsString("fx_job_last_success_seconds{job=\"hourly-candles\"}"));
        // fail fast: no retries, and no pair asked once the rejection came back (only those already in flight)
        List<LoggedRequest> requests = oanda.findAll(getRequestedFor(urlPathMatching("/v3/instruments/.*")));
        assertThat(requests).hasSizeBetween(2, 2 * fetchConcurrency);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + OandaStub.TOKEN);
            assertThat(r.getUrl()).doesNotContain(OandaStub.TOKEN);
        });
        String stored = pool.query("SELECT string_agg(coalesce(error, ''), ' ') FROM ingest.job_runs").execute()
                .await().atMost(WAIT).iterator().next().getString(0);
        assertThat(stored).doesNotContain(OandaStub.TOKEN);
    }

    private long failedHourlyRuns() {
        return pool.query("SELECT count(*) FROM ingest.job_runs WHERE job = 'hourly-candles' AND status = 'FAILED'")
                .execute().await().atMost(WAIT).iterator().next().getLong(0);
    }

    @Test
    void afterAnOutageAPairIsFetchedFromItsNewestStoredCandleSoNoHourIsLost() {
        stubLastHours();
        Pair pair = Pair.of("AUD_JPY");
        pool.query("DELETE FROM ingest.candles WHERE pair = 'AUD_JPY'").execute().await().atMost(WAIT);
        // the last run that reached AUD_JPY was ten hours ago
        Candle old = shift(OandaAnswers.history(pair, Instant.parse("2024-01-08T00:00:00Z"), 1).get(0), OandaAnswers.hoursAgo(10));
        pool.preparedQuery("""
                        INSERT INTO ingest.candles (pair, granularity, time, open, high, low, close, volume, source, seq)
                        VALUES ('AUD_JPY', 'H1', $1, $2, $3, $4, $5, $6, 'oanda', 1)""")
                .execute(Tuple.of(old.time().atOffset(java.time.ZoneOffset.UTC), old.open(), old.high(), old.low(),
                        old.close(), old.volume())).await().atMost(WAIT);

        job.run().await().atMost(WAIT);

        LoggedRequest audJpy = oanda.findAll(getRequestedFor(urlPathEqualTo(candlesPath(pair)))).get(0);
        assertThat(Instant.parse(audJpy.queryParameter("from").firstValue())).isEqualTo(OandaAnswers.hoursAgo(10));
        assertThat(audJpy.queryParameter("includeFirst").isPresent()).as("the stored candle is re-read").isFalse();
    }

    @Test
    void theLookbackNeverReachesPastTheRetention() {
        Instant lookback = Instant.parse("2026-01-10T10:00:00Z");
        Instant oldest = Instant.parse("2025-01-10T10:00:00Z");
        var none = new io.fxpipeline.ingest.store.CandleRepository.Span(null, null, null);
        var recent = new io.fxpipeline.ingest.store.CandleRepository.Span(oldest, lookback.plusSeconds(3600), null);
        var behind = new io.fxpipeline.ingest.store.CandleRepository.Span(oldest, lookback.minusSeconds(7200), null);
        var ancient = new io.fxpipeline.ingest.store.CandleRepository.Span(oldest.minusSeconds(99_999),
                oldest.minusSeconds(3600), null);
        assertThat(HourlyCandleJob.from(none, lookback, oldest)).isEqualTo(lookback);
        assertThat(HourlyCandleJob.from(recent, lookback, oldest)).isEqualTo(lookback);
        assertThat(HourlyCandleJob.from(behind, lookback, oldest)).isEqualTo(lookback.minusSeconds(7200));
        assertThat(HourlyCandleJob.from(ancient, lookback, oldest)).isEqualTo(oldest);
    }
}
