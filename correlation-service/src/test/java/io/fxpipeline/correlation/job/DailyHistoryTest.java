package io.fxpipeline.correlation.job;

import io.fxpipeline.correlation.BestPair;
import io.fxpipeline.correlation.ClosePoint;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.PairCorrelation;
import io.fxpipeline.correlation.compute.BestPairsRanking;
import io.fxpipeline.correlation.compute.CorrelationCalculator;
import io.fxpipeline.correlation.service.CorrelationHistory;
import io.fxpipeline.correlation.service.CorrelationRun;
import io.fxpipeline.correlation.service.RunSummary;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.HeldAdvisoryLock;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Market time end to end against real PostgreSQL and Redis: a month of the 20 tracked pairs replayed on
 * data_ready leaves one matrix per midnight, as of that midnight, equal to the computation on the closes up to it;
 * a missed midnight is caught up once; two replicas never run a midnight twice; the history command path
 * recomputes the same numbers; the history endpoint answers r over time.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(DailyHistoryTest.FollowTheData.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DailyHistoryTest {

    /** The daily run on (tests default to off), a short settle so a pair that stopped delays little. */
    public static class FollowTheData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fx.jobs.daily-enabled", "true", "fx.daily.settle", "2s");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration HOUR = Duration.ofHours(1);
    /** A Monday; the data runs to the 00:00 candle of START + 31 days. */
    private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");
    private static final int DAYS = 31;
    /** NZD_JPY's feed stops here: later midnights must leave it out and name it. */
    private static final Pair STOPPING = Pair.of("NZD_JPY");
    private static final Instant STOP = Instant.parse("2025-01-29T12:00:00Z");
    private static final Map<Pair, List<Candle>> MARKET = market();

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @Inject
    MidnightFollower follower;

    @Inject
    CorrelationRun run;

    @Inject
    CorrelationHistory history;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    private final MessageCodec codec = new MessageCodec();
    private final Map<Pair, Long> seq = new HashMap<>();

    /** The 20 pairs on a common factor with pair-specific loadings, trading hours only (weekends absent). */
    private static Map<Pair, List<Candle>> market() {
        Random random = new Random(20250106);
        List<Pair> pairs = TrackedPairs.DEFAULT;
        double[] price = new double[pairs.size()];
        double[] loading = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            price[i] = 1 + i * 0.1;
            loading[i] = (i % 3 - 1) * (0.3 + 0.03 * i);
        }
        Map<Pair, List<Candle>> market = new LinkedHashMap<>();
        pairs.forEach(p -> market.put(p, new ArrayList<>()));
        for (Instant t = START; !t.isAfter(START.plus(DAYS, ChronoUnit.DAYS)); t = t.plus(HOUR)) {
            if (!trading(t)) {
                continue;
            }
            double common = random.nextGaussian() * 0.001;
            for (int i = 0; i < pairs.size(); i++) {
                price[i] *= Math.exp(loading[i] * common + random.nextGaussian() * 0.0006);
                if (pairs.get(i).equals(STOPPING) && !t.isBefore(STOP)) {
                    continue;
                }
                BigDecimal p = BigDecimal.valueOf(price[i]).setScale(5, RoundingMode.HALF_EVEN);
                market.get(pairs.get(i)).add(new Candle(t, p, p, p, p, 100L));
            }
        }
        return market;
    }

    private static boolean trading(Instant t) {
        var u = t.atOffset(ZoneOffset.UTC);
        return switch (u.getDayOfWeek()) {
            case SATURDAY -> false;
            case FRIDAY -> u.getHour() < 22;
            case SUNDAY -> u.getHour() >= 22;
            default -> true;
        };
    }

    /** The oracle: per pair the last 100 candles closed by the midnight, none for a pair whose feed stopped. */
    private static CorrelationMatrix expected(Instant midnight) {
        Map<Pair, List<ClosePoint>> closes = new LinkedHashMap<>();
        MARKET.forEach((pair, candles) -> {
            List<ClosePoint> upTo = candles.stream().filter(c -> !c.time().plus(HOUR).isAfter(midnight))
                    .map(c -> new ClosePoint(c.time(), c.close().doubleValue())).toList();
            boolean stale = pair.equals(STOPPING) && midnight.isAfter(STOP.plus(Duration.ofHours(3)));
            closes.put(pair, stale ? List.of() : upTo.subList(Math.max(0, upTo.size() - 100), upTo.size()));
        });
        return new CorrelationCalculator(100, 30).compute(closes, midnight);
    }

    /** Publishes every pair's candles with open time in [from, to) as one message per pair, like ingest. */
    private void publish(Instant from, Instant to) {
        Channels channels = new Channels(prefix);
        MARKET.forEach((pair, candles) -> {
            List<Candle> slice = candles.stream().filter(c -> !c.time().isBefore(from) && c.time().isBefore(to)).toList();
            for (int i = 0; i < slice.size(); i += CandlesReady.MAX_CANDLES) {
                List<Candle> chunk = slice.subList(i, Math.min(slice.size(), i + CandlesReady.MAX_CANDLES));
                long s = seq.merge(pair, 1L, Long::sum);
                redis.pubsub(String.class).publish(channels.dataReady(),
                        codec.encode(CandlesReady.live(Instant.now(), pair, Granularity.H1, s, chunk))).await().atMost(WAIT);
            }
        });
    }

    private static Instant newestOpenBefore(Instant end) {
        return MARKET.get(Pair.of("EUR_USD")).stream().map(Candle::time).filter(t -> t.isBefore(end))
                .max(Instant::compareTo).orElseThrow();
    }

    private List<Instant> storedAsOfs() {
        List<Instant> asOfs = new ArrayList<>();
        for (Row row : pool.query("SELECT as_of, count(*) FROM correlation.correlation_matrix GROUP BY as_of ORDER BY as_of")
                .execute().await().atMost(WAIT)) {
            assertThat(row.getLong(1)).as("entries as of %s", row.getOffsetDateTime(0)).isEqualTo(190);
            asOfs.add(row.getOffsetDateTime(0).toInstant());
        }
        return asOfs;
    }

    private static Instant midnight(int day) {
        return START.plus(day, ChronoUnit.DAYS);
    }

    private void assertStoredEqualsOracle(Instant midnight) {
        CorrelationMatrix want = expected(midnight);
        Map<String, Double> got = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT pair_a, pair_b, correlation FROM correlation.correlation_matrix WHERE as_of = $1")
                .execute(Tuple.of(midnight.atOffset(ZoneOffset.UTC))).await().atMost(WAIT)) {
            got.put(row.getString(0) + "/" + row.getString(1), row.getDouble(2));
        }
        assertThat(got).hasSize(190);
        for (PairCorrelation e : want.entries()) {
            Double r = got.get(e.pairA() + "/" + e.pairB());
            if (e.correlation() == null) {
                assertThat(r).as("%s/%s as of %s", e.pairA(), e.pairB(), midnight).isNull();
            } else {
                assertThat(r).as("%s/%s as of %s", e.pairA(), e.pairB(), midnight).isCloseTo(e.correlation(), within(1e-12));
            }
        }
        List<String> best = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT pair_a, pair_b FROM correlation.best_pairs WHERE as_of = $1 ORDER BY rank")
                .execute(Tuple.of(midnight.atOffset(ZoneOffset.UTC))).await().atMost(WAIT)) {
            best.add(row.getString(0) + "/" + row.getString(1));
        }
        assertThat(best).isEqualTo(BestPairsRanking.of(want).stream().map(b -> b.pairA() + "/" + b.pairB()).toList());
    }

    private long finishedRuns(String job) {
        return pool.preparedQuery("SELECT count(*) FROM correlation.job_runs WHERE job = $1 AND status IN ('SUCCEEDED', 'PARTIAL')")
                .execute(Tuple.of(job)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    @Test
    @Order(1)
    void aReplayedMonthLeavesOneMatrixAsOfEachMidnight() {
        // The start-up catch-up has looked at the (empty) store: what follows is the data arriving.
        await().atMost(WAIT).until(() -> !follower.catchUpDue());
        // First 15 days in one go (a backfill: history), then day by day (live or replay: the daily run).
        publish(START, midnight(15));
        List<Instant> firstHalf = new ArrayList<>();
        for (int day = 2; day <= 14; day++) { // the midnight after day 1 has 24 closes: fewer than 30 returns
            firstHalf.add(midnight(day));
        }
        await().atMost(WAIT).until(() -> storedAsOfs().equals(firstHalf));
        for (int day = 15; day <= DAYS; day++) {
            publish(midnight(day), midnight(day).plus(1, ChronoUnit.DAYS));
            // A midnight is crossed by the first candle at or after it: Saturday's and Sunday's by Sunday 22:00.
            Instant newestOpen = newestOpenBefore(midnight(day).plus(1, ChronoUnit.DAYS));
            List<Instant> crossed = new ArrayList<>();
            for (int d = 2; !midnight(d).isAfter(newestOpen); d++) {
                crossed.add(midnight(d));
            }
            await().atMost(WAIT).until(() -> storedAsOfs().equals(crossed));
        }
        List<Instant> all = new ArrayList<>();
        for (int day = 2; day <= DAYS; day++) {
            all.add(midnight(day));
        }
        assertThat(storedAsOfs()).hasSize(30).isEqualTo(all);
        all.forEach(this::assertStoredEqualsOracle);

        // Midnights after NZD_JPY's feed stopped leave it out and say so; Saturday's midnight does not (weekend).
        String lastRun = pool.query("SELECT error FROM correlation.job_runs WHERE job = 'correlation' ORDER BY id DESC LIMIT 1")
                .execute().await().atMost(WAIT).iterator().next().getString(0);
        assertThat(lastRun).contains("left out as stale").contains("NZD_JPY");
        assertThat(expected(Instant.parse("2025-01-25T00:00:00Z")).get(Pair.of("EUR_USD"), STOPPING)).isPresent();
    }

    @Test
    @Order(2)
    void aMissedMidnightIsCaughtUpOnceOnStart() {
        Instant missed = midnight(DAYS);
        // As after a restart that slept through the midnight: the closes cross it, no matrix covers it.
        pool.preparedQuery("DELETE FROM correlation.correlation_matrix WHERE as_of = $1")
                .execute(Tuple.of(missed.atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
        long before = finishedRuns(CorrelationRun.JOB);
        follower.catchUp().await().atMost(WAIT);
        follower.catchUp().await().atMost(WAIT);
        assertThat(finishedRuns(CorrelationRun.JOB)).isEqualTo(before + 1);
        assertThat(storedAsOfs()).hasSize(30).contains(missed);
        assertStoredEqualsOracle(missed);
    }

    @Test
    @Order(3)
    void twoReplicasNeverRunAMidnightTwice() {
        Instant midnight = midnight(DAYS);
        pool.preparedQuery("DELETE FROM correlation.correlation_matrix WHERE as_of = $1")
                .execute(Tuple.of(midnight.atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
        long before = finishedRuns(CorrelationRun.JOB);
        List<RunSummary> both = Uni.combine().all().unis(run.runAsOf(midnight), run.runAsOf(midnight))
                .with(RunSummary.class, List::copyOf).await().atMost(WAIT);
        assertThat(both).extracting(RunSummary::status).containsExactlyInAnyOrder(io.fxpipeline.messaging.job.JobRuns.Status.PARTIAL, io.fxpipeline.messaging.job.JobRuns.Status.SKIPPED);
        // and a third, later, finds it stored
        assertThat(run.runAsOf(midnight).await().atMost(WAIT).message()).contains("stored already");
        assertThat(finishedRuns(CorrelationRun.JOB)).isEqualTo(before + 1);
        assertStoredEqualsOracle(midnight);
    }

    @Test
    @Order(4)
    void historyRecomputesTheSameNumbers() {
        CorrelationHistory.Built built = history.build(midnight(1), midnight(DAYS), true).await().atMost(WAIT);
        assertThat(built.midnights()).isEqualTo(DAYS);
        assertThat(built.stored()).isEqualTo(30);
        assertThat(built.tooThin()).isEqualTo(1);
        assertThat(storedAsOfs()).hasSize(30);
        for (int day = 2; day <= DAYS; day++) {
            assertStoredEqualsOracle(midnight(day));
        }
        // the seed's view: the ranking of the newest as-of
        List<String> latest = new ArrayList<>();
        for (Row row : pool.query("SELECT as_of, rank, pair_a, pair_b FROM correlation.latest_best_pairs").execute()
                .await().atMost(WAIT)) {
            assertThat(row.getOffsetDateTime(0).toInstant()).isEqualTo(midnight(DAYS));
            assertThat(row.getInteger(1)).isEqualTo(latest.size() + 1);
            latest.add(row.getString(2) + "/" + row.getString(3));
        }
        assertThat(latest).isEqualTo(BestPairsRanking.of(expected(midnight(DAYS))).stream()
                .map(b -> b.pairA() + "/" + b.pairB()).toList());
    }

    @Test
    @Order(5)
    void historyEndpointAnswersROverTime() {
        Instant from = midnight(10);
        Instant to = midnight(20);
        var points = given().get("/correlation/history?pair_a=USD_CHF&pair_b=EUR_USD&from=" + from + "&to=" + to)
                .then().statusCode(200).body("size()", is(10)).extract().jsonPath();
        for (int i = 0; i < 10; i++) {
            Instant asOf = midnight(10 + i);
            assertThat(Instant.parse(points.getString("[" + i + "].as_of"))).isEqualTo(asOf);
            assertThat(points.getDouble("[" + i + "].correlation"))
                    .isCloseTo(expected(asOf).get(Pair.of("EUR_USD"), Pair.of("USD_CHF")).orElseThrow(), within(1e-6));
        }
        given().get("/correlation/history?pair_a=EUR_USD&pair_b=USD_CHF").then().statusCode(200).body("size()", is(30));
        given().get("/correlation/history?pair_b=USD_CHF").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("pair_a is required"));
        given().get("/correlation/history?pair_a=EURUSD&pair_b=USD_CHF").then().statusCode(400)
                .body("detail", containsString("EURUSD"));
        given().get("/correlation/history?pair_a=EUR_USD&pair_b=EUR_USD").then().statusCode(400)
                .body("detail", containsString("differ"));
        given().get("/correlation/history?pair_a=EUR_USD&pair_b=USD_CHF&from=" + to + "&to=" + from).then().statusCode(400)
                .body("detail", containsString("from must be before to"));
        given().get("/correlation/history?pair_a=EUR_USD&pair_b=USD_CHF&from=yesterday").then().statusCode(400)
                .body("detail", containsString("ISO-8601"));
        given().get("/correlation/history?pair_a=EUR_USD&pair_b=USD_CHF&limit=0").then().statusCode(400)
                .body("detail", containsString("limit"));
    }

    @Test
    @Order(6)
    void alertsNobodyHeardAreInTheTableTheApiAndTheStream() {
        // The daily runs above raised alerts while nothing subscribed to correlation_alerts.
        List<String> table = new ArrayList<>();
        for (Row r : pool.query("SELECT pair_a, pair_b, correlation, as_of FROM correlation.correlation_alerts ORDER BY ts, id")
                .execute().await().atMost(WAIT)) {
            table.add(r.getString(0) + "/" + r.getString(1) + " " + r.getDouble(2) + " " + r.getOffsetDateTime(3).toInstant());
        }
        assertThat(table).isNotEmpty();
        var api = given().get("/alerts?limit=1000").then().statusCode(200).extract().jsonPath()
                .using(io.restassured.path.json.config.JsonPathConfig.jsonPathConfig()
                        .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < api.getList("$").size(); i++) {
            answered.add(api.getString("[" + i + "].pair_a") + "/" + api.getString("[" + i + "].pair_b") + " "
                    + api.getDouble("[" + i + "].correlation") + " " + Instant.parse(api.getString("[" + i + "].as_of")));
        }
        assertThat(answered).isEqualTo(table);
        List<String> streamed = redis.stream(String.class, String.class, String.class)
                .xread(new Channels(prefix).alertStream(), "0").await().atMost(WAIT).stream()
                .map(e -> codec.decode(e.payload().get("message"), io.fxpipeline.model.message.CorrelationAlert.class))
                .map(a -> a.pairA() + "/" + a.pairB() + " " + a.correlation() + " " + a.asOf()).toList();
        assertThat(streamed).isEqualTo(table);
        // of a pair: the entries naming it on either side (the first alert's second pair, which some name first too)
        String pair = table.get(0).substring(table.get(0).indexOf('/') + 1, table.get(0).indexOf(' '));
        List<String> ofPair = table.stream().filter(t -> t.startsWith(pair + "/") || t.contains("/" + pair + " ")).toList();
        var api2 = given().get("/alerts?limit=1000&pair=" + pair + "&since=2000-01-01T00:00:00Z").then().statusCode(200)
                .extract().jsonPath();
        List<String> answeredOfPair = new ArrayList<>();
        for (int i = 0; i < api2.getList("$").size(); i++) {
            answeredOfPair.add(api2.getString("[" + i + "].pair_a") + "/" + api2.getString("[" + i + "].pair_b"));
        }
        assertThat(answeredOfPair).isNotEmpty()
                .isEqualTo(ofPair.stream().map(t -> t.substring(0, t.indexOf(' '))).toList());
        given().get("/alerts?since=soon").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("ISO-8601"));
        given().get("/alerts?pair=eur_usd").then().statusCode(400).body("detail", containsString("eur_usd"));
        given().get("/alerts?limit=-1").then().statusCode(400).body("detail", containsString("limit"));
    }

    @Test
    @Order(7)
    void aMidnightWhoseRunFoundTheLockTakenIsCaughtUpSoon() throws Exception {
        Instant midnight = midnight(DAYS);
        pool.preparedQuery("DELETE FROM correlation.correlation_matrix WHERE as_of = $1")
                .execute(Tuple.of(midnight.atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
        long before = finishedRuns(CorrelationRun.JOB);
        // An on-demand run (or another replica) holds the lock when the midnight's run comes.
        try (HeldAdvisoryLock held = HeldAdvisoryLock.hold(
                new io.fxpipeline.messaging.job.JobRuns(null, "correlation").lockKey(CorrelationRun.JOB))) {
            follower.catchUp().await().atMost(WAIT);
            assertThat(storedAsOfs()).doesNotContain(midnight);
            assertThat(follower.isPending(midnight)).as("pending again, not left to the next start").isTrue();
        }
        await().atMost(WAIT).until(() -> storedAsOfs().contains(midnight));
        assertThat(storedAsOfs()).hasSize(30);
        assertStoredEqualsOracle(midnight);
        assertThat(finishedRuns(CorrelationRun.JOB)).isEqualTo(before + 1);
        // What a person asks the service: its runs, newest first, the skipped one saying why.
        var runs = given().get("/jobs?job=correlation&limit=500").then().statusCode(200).extract().jsonPath();
        assertThat(runs.getString("[0].status")).isEqualTo("PARTIAL");
        assertThat(runs.getString("[0].error")).contains("left out as stale").contains("NZD_JPY");
        assertThat(runs.getList("findAll { it.status == 'SKIPPED' }.error", String.class))
                .contains("another run of correlation holds the lock");
        given().get("/jobs?job=everything").then().statusCode(400).contentType("application/problem+json")
                .body("detail", is("job must be one of correlation, correlation-history, retention, was 'everything'"));
    }
}
