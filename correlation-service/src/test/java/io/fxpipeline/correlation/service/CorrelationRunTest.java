package io.fxpipeline.correlation.service;

import io.fxpipeline.correlation.ClosePoint;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.compute.CorrelationCalculator;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.CorrelationAlert;
import io.fxpipeline.model.message.CorrelationReady;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.HeldAdvisoryLock;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Uses pairs no other test class of this module publishes, since all share one application and database.
 * A whole correlation run against real PostgreSQL and Redis: closes arrive on data_ready, the run stores,
 * caches and announces, and the API reads it back. Ordered: the runs build on each other.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CorrelationRunTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pair EUR_GBP = Pair.of("EUR_GBP");
    private static final Pair GBP_CHF = Pair.of("GBP_CHF");
    private static final Pair CAD_JPY = Pair.of("CAD_JPY");
    private static final Instant START = Instant.parse("2024-03-04T00:00:00Z");

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @Inject
    CorrelationRun run;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final MessageCodec codec = new MessageCodec();

    /** Three pairs: GBP_CHF mirrors EUR_GBP (a hedge), CAD_JPY follows it loosely. Deterministic. */
    static Map<Pair, List<Candle>> market(int candles) {
        Random random = new Random(20240304);
        Map<Pair, List<Candle>> market = new LinkedHashMap<>();
        double eur = 1.08;
        double chf = 0.88;
        double gbp = 1.26;
        List<Candle> e = new ArrayList<>();
        List<Candle> c = new ArrayList<>();
        List<Candle> g = new ArrayList<>();
        for (int i = 0; i < candles; i++) {
            double common = random.nextGaussian() * 0.001;
            eur *= Math.exp(common);
            chf *= Math.exp(-0.95 * common + random.nextGaussian() * 0.0002);
            gbp *= Math.exp(0.5 * common + random.nextGaussian() * 0.0008);
            Instant t = START.plusSeconds(3600L * i);
            e.add(flat(t, eur));
            c.add(flat(t, chf));
            g.add(flat(t, gbp));
        }
        market.put(EUR_GBP, e);
        market.put(GBP_CHF, c);
        market.put(CAD_JPY, g);
        return market;
    }

    private static Candle flat(Instant t, double price) {
        BigDecimal p = BigDecimal.valueOf(price).setScale(5, RoundingMode.HALF_EVEN);
        return new Candle(t, p, p, p, p, 100L);
    }

    private void publishCandles(Map<Pair, List<Candle>> market) {
        Channels channels = new Channels(prefix);
        market.forEach((pair, candles) -> redis.pubsub(String.class).publish(channels.dataReady(),
                codec.encode(CandlesReady.live(Instant.now(), pair, Granularity.H1, 1, candles))).await().atMost(WAIT));
    }

    private long stored(Pair pair) {
        return pool.preparedQuery("SELECT count(*) FROM correlation.closes WHERE pair = $1")
                .execute(Tuple.of(pair.name())).await().atMost(WAIT).iterator().next().getLong(0);
    }

    @Test
    @Order(1)
    void withTooLittleDataTheRunReportsInsteadOfFailing() {
        given().get("/correlation/matrix").then().statusCode(404).contentType("application/problem+json");
        given().post("/correlation/run").then().statusCode(200)
                .body("status", is("SKIPPED"))
                .body("message", containsString("too little data"));
        String status = pool.query("SELECT status FROM correlation.job_runs ORDER BY id DESC LIMIT 1").execute()
                .await().atMost(WAIT).iterator().next().getString(0);
        assertThat(status).isEqualTo("SKIPPED");
    }

    @Test
    @Order(2)
    void aRunStoresCachesAndAnnouncesTheMatrix() throws Exception {
        Map<Pair, List<Candle>> market = market(120);
        publishCandles(market);
        await().atMost(WAIT).until(() -> market.keySet().stream().allMatch(p -> stored(p) == 120));

        Channels channels = new Channels(prefix);
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.dataReady(),
                channels.correlationAlerts())) {
            given().post("/correlation/run").then().statusCode(200)
                    .body("status", is("PARTIAL")) // 17 of the 20 configured pairs have no closes yet
                    .body("pairs", is(20)).body("entries", is(190)).body("with_value", is(3));

            // Same numbers as the pure calculator over the same closes (last 100 of each).
            Map<Pair, List<ClosePoint>> closes = new LinkedHashMap<>();
            market.forEach((pair, candles) -> closes.put(pair, candles.stream()
                    .map(k -> new ClosePoint(k.time(), k.close().doubleValue())).toList()));
            CorrelationMatrix expected = new CorrelationCalculator(100, 30).compute(closes, Instant.EPOCH);
            double hedge = expected.get(EUR_GBP, GBP_CHF).orElseThrow();
            assertThat(hedge).isLessThan(-0.9);

            // Read numbers as doubles: the API serves every digit of r, a float would drop half of them.
            var matrix = given().get("/correlation/matrix").then().statusCode(200)
                    .body("window", is(100)).extract().jsonPath()
                    .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
            List<String> pairs = matrix.getList("pairs", String.class);
            assertThat(pairs).hasSize(20).isSorted();
            int e = pairs.indexOf("EUR_GBP");
            int c = pairs.indexOf("GBP_CHF");
            int a = pairs.indexOf("AUD_USD");
            assertThat(matrix.getDouble("matrix[" + e + "][" + c + "]")).isCloseTo(hedge, within(1e-12));
            assertThat(matrix.getDouble("matrix[" + c + "][" + e + "]")).isEqualTo(matrix.getDouble("matrix[" + e + "][" + c + "]"));
            assertThat(matrix.getDouble("matrix[" + a + "][" + a + "]")).isEqualTo(1.0);
            assertThat(matrix.<Object>get("matrix[" + a + "][" + e + "]")).as("no closes for AUD_USD yet").isNull();
            assertThat(matrix.getInt("observations[" + e + "][" + c + "]")).isEqualTo(99);

            given().get("/correlation/best-pairs").then().statusCode(200)
                    .body("[0].rank", is(1)).body("[0].pair_a", is("EUR_GBP")).body("[0].pair_b", is("GBP_CHF"))
                    .body("[0].category", is("highly_correlated"))
                    .body("[0].reason", containsString("strong hedge"));

            await().atMost(WAIT).until(() -> recorder.payloads(channels.correlationAlerts()).size() == 1
                    && recorder.payloads(channels.dataReady()).stream().anyMatch(p -> p.contains("\"correlation\"")));
            CorrelationAlert alert = codec.decode(recorder.payloads(channels.correlationAlerts()).get(0),
                    CorrelationAlert.class);
            assertThat(alert.pairA()).isEqualTo(EUR_GBP);
            assertThat(alert.pairB()).isEqualTo(GBP_CHF);
            assertThat(alert.correlation()).isCloseTo(hedge, within(1e-12));
            CorrelationReady ready = recorder.payloads(channels.dataReady()).stream()
                    .filter(p -> p.contains("\"type\":\"correlation\"")).map(p -> codec.decode(p, CorrelationReady.class))
                    .findFirst().orElseThrow();
            assertThat(ready.count()).isEqualTo(3);
        }
        String cachedMatrix = redis.value(String.class).get(new Channels(prefix).correlationMatrixKey()).await().atMost(WAIT);
        given().get("/cache/stats").then().statusCode(200).body("cached_results", is(2)).body("tracked_pairs", is(20));
        assertThat(cachedMatrix).contains("\"pairs\":[\"AUD_JPY\",").contains("\"window\":100");
        Long ttl = redis.key().ttl(new Channels(prefix).bestPairsKey()).await().atMost(WAIT);
        assertThat(ttl).isBetween(86_000L, 86_400L);
    }

    @Test
    @Order(3)
    void aSecondRunOnUnchangedDataRaisesNoNewAlert() {
        Channels channels = new Channels(prefix);
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.correlationAlerts(),
                channels.dataReady())) {
            given().post("/correlation/run").then().statusCode(200).body("alerts", is(0));
            await().atMost(WAIT).until(() -> recorder.payloads(channels.dataReady()).stream()
                    .anyMatch(p -> p.contains("\"type\":\"correlation\"")));
            assertThat(recorder.payloads(channels.correlationAlerts())).isEmpty();
        }
    }

    @Test
    @Order(4)
    void whileAnotherReplicaHoldsTheLockARunIsSkipped() throws SQLException {
        // Another replica's run, as PostgreSQL sees it: a transaction holding the advisory lock.
        try (HeldAdvisoryLock other = HeldAdvisoryLock.hold(
                new io.fxpipeline.messaging.job.JobRuns(null, "correlation").lockKey(CorrelationRun.JOB))) {
            given().post("/correlation/run").then().statusCode(200)
                    .body("status", is("SKIPPED")).body("message", containsString("lock"));
        }
        given().post("/correlation/run").then().statusCode(200).body("status", is("PARTIAL"));
    }

    @Test
    @Order(5)
    void badRequestsGetProblemDetails() {
        given().get("/correlation/matrix?asOf=yesterday").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("ISO-8601"));
        given().get("/correlation/pairs/EURUSD/USD_CHF/history").then().statusCode(400)
                .body("detail", containsString("EURUSD"));
        given().get("/correlation/pairs/EUR_USD/EUR_USD/history").then().statusCode(400)
                .body("detail", containsString("differ"));
        given().get("/correlation/best-pairs?limit=0").then().statusCode(400)
                .body("detail", containsString("limit"));
        // Runs within one hour share their as-of hour, so the three runs above left one point.
        given().get("/correlation/pairs/GBP_CHF/EUR_GBP/history").then().statusCode(200)
                .contentType(ContentType.JSON).body("size()", is(1)).body("[0].observations", is(99));
        given().get("/correlation/matrix?asOf=2000-01-01T00:00:00Z").then().statusCode(404);
    }

    @Test
    @Order(6)
    void aRunBehindTheNewestMatrixIsKeptAsHistoryOnly() {
        // The runs above are as of the close of the 120th candle; a midnight before it is caught up afterwards,
        // as when the data-following run trails an on-demand one.
        Instant newest = START.plus(Duration.ofHours(120));
        Instant earlier = newest.minus(Duration.ofDays(1));
        Channels channels = new Channels(prefix);
        String cached = redis.value(String.class).get(channels.correlationMatrixKey()).await().atMost(WAIT);
        List<String> states = alertStates();
        assertThat(states).hasSize(3).allMatch(s -> s.endsWith(newest.toString()));
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.dataReady(),
                channels.correlationAlerts())) {
            RunSummary summary = run.runAsOf(earlier).await().atMost(WAIT);
            assertThat(summary.status()).isEqualTo(io.fxpipeline.messaging.job.JobRuns.Status.PARTIAL);
            assertThat(summary.withValue()).isEqualTo(3);
            assertThat(summary.alerts()).isZero();
            assertThat(summary.message()).contains("older than the matrix as of " + newest)
                    .contains("stored as history, without alerts, cache or announcement");

            // The run has returned, so anything it announced was published before this marker.
            redis.pubsub(String.class).publish(channels.correlationAlerts(), "marker").await().atMost(WAIT);
            await().atMost(WAIT).until(() -> recorder.payloads(channels.correlationAlerts()).contains("marker"));
            assertThat(recorder.payloads(channels.correlationAlerts())).containsExactly("marker");
            assertThat(recorder.payloads(channels.dataReady())).noneMatch(p -> p.contains("\"type\":\"correlation\""));
        }
        given().get("/correlation/matrix?asOf=" + earlier).then().statusCode(200).body("as_of", is(earlier.toString()));
        assertThat(redis.value(String.class).get(channels.correlationMatrixKey()).await().atMost(WAIT))
                .as("the cache keeps the newest matrix").isEqualTo(cached);
        given().get("/correlation/matrix").then().statusCode(200).body("as_of", is(newest.toString()));
        assertThat(alertStates()).as("alerts keep comparing with the newest run").isEqualTo(states);
    }

    private List<String> alertStates() {
        List<String> states = new ArrayList<>();
        for (var row : pool.query("SELECT pair_a, pair_b, correlation, as_of FROM correlation.alert_states ORDER BY 1, 2")
                .execute().await().atMost(WAIT)) {
            states.add(row.getString(0) + "/" + row.getString(1) + " " + row.getDouble(2) + " "
                    + row.getOffsetDateTime(3).toInstant());
        }
        return states;
    }
}
