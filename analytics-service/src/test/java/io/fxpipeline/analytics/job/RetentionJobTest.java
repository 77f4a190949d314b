package io.fxpipeline.analytics.job;

import io.fxpipeline.analytics.config.AnalyticsConfig;
import io.fxpipeline.analytics.metrics.MetricsCalculator;
import io.fxpipeline.analytics.metrics.Ohlc;
import io.fxpipeline.analytics.service.MetricsPipeline;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily purge keeps DATA_RETENTION_DAYS (365) of candles and metrics plus the lookback window before the cutoff,
 * deletes the rest, records the run; a candle corrected just inside the retention after a purge gets the same
 * metrics as a computation over the whole, unpurged series.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class RetentionJobTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    // EUR_NZD: no other test class of this module writes it
    private static final Pair PAIR = Pair.of("EUR_NZD");

    @Inject
    RetentionJob job;

    @Inject
    JobRuns runs;

    @Inject
    Pool pool;

    @Inject
    MetricsPipeline pipeline;

    @Inject
    AnalyticsConfig config;

    @Test
    void keepsTheRetentionAndItsLookbackAndACorrectionAfterThePurgeIsExact() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant cutoff = now.minus(Duration.ofDays(config.retentionDays()));
        // 120 hours before the cutoff and 80 after it
        List<Candle> series = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            BigDecimal close = new BigDecimal("1.80000").add(BigDecimal.valueOf(Math.round(3000 * Math.sin(i / 7.0) + 11 * (i % 5)), 5));
            series.add(new Candle(cutoff.minus(Duration.ofHours(120 - i)), close, close.add(new BigDecimal("0.00200")),
                    close.subtract(new BigDecimal("0.00150")), close, 100L));
        }
        pipeline.apply(CandlesReady.live(Instant.now(), PAIR, Granularity.H1, 1, series)).await().atMost(WAIT);
        // an alert about a candle past the retention and one inside it (the alert table purges by candle time)
        Instant oldAlert = series.get(0).time();
        Instant keptAlert = series.get(199).time();
        for (Instant t : List.of(oldAlert, keptAlert)) {
            pool.preparedQuery("INSERT INTO analytics.volatility_alerts (ts, pair, granularity, volatility, threshold,"
                            + " severity, time) VALUES (now(), 'EUR_NZD', 'H1', 0.4, 0.3, 'CRITICAL', $1)")
                    .execute(Tuple.of(t.atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
        }

        JobRuns.Outcome outcome = job.run(now).await().atMost(WAIT);
        assertThat(times("SELECT time FROM analytics.volatility_alerts WHERE pair = 'EUR_NZD' AND volatility = 0.4"))
                .as("the alert past the retention goes, the recent one stays").containsExactly(keptAlert);

        assertThat(outcome.status()).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(outcome.records()).isGreaterThanOrEqualTo(120 - MetricsCalculator.LOOKBACK + 1);
        List<Instant> kept = series.subList(120 - MetricsCalculator.LOOKBACK, 200).stream().map(Candle::time).toList();
        assertThat(times("SELECT time FROM analytics.volatility_metrics WHERE pair = 'EUR_NZD' ORDER BY time")).isEqualTo(kept);
        assertThat(runs.latest(5).await().atMost(WAIT)).anySatisfy(r -> {
            assertThat(r.job()).isEqualTo("retention");
            assertThat(r.status()).isEqualTo("SUCCEEDED");
            assertThat(r.finished()).isNotNull();
        });
        // and the service answers for it: GET /jobs, the kit's endpoint over analytics.job_runs
        io.restassured.RestAssured.given().get("/jobs?job=retention&limit=1").then().statusCode(200)
                .body("[0].job", org.hamcrest.Matchers.is("retention"))
                .body("[0].status", org.hamcrest.Matchers.is("SUCCEEDED"))
                .body("[0].records", org.hamcrest.Matchers.is(outcome.records()));
        io.restassured.RestAssured.given().get("/jobs?job=recompute").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.is("job must be one of retention, was 'recompute'"));

        // The first candle inside the retention is corrected: its metrics and all after it are recomputed.
        Candle old = series.get(120);
        BigDecimal fixed = old.close().add(new BigDecimal("0.00070"));
        Candle corrected = new Candle(old.time(), old.open(), old.high().max(fixed), old.low(), fixed, old.volume());
        series.set(120, corrected);
        pipeline.apply(CandlesReady.live(Instant.now(), PAIR, Granularity.H1, 2, List.of(corrected))).await().atMost(WAIT);

        List<VolatilityMetrics> expected = new MetricsCalculator(config.periodsPerYear())
                .computeAll(series.stream().map(Ohlc::of).toList()).subList(120, 200);
        List<VolatilityMetrics> stored = pool.preparedQuery("""
                        SELECT time, close, hv_20, hv_50, sma_15, sma_30, sma_50, bb_upper, bb_middle, bb_lower, atr_14
                        FROM analytics.volatility_metrics WHERE pair = 'EUR_NZD' AND time >= $1 ORDER BY time""")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC))).await().atMost(WAIT).stream()
                .map(r -> new VolatilityMetrics(r.getOffsetDateTime(0).toInstant(), r.getDouble(1), r.getDouble(2),
                        r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6), r.getDouble(7), r.getDouble(8),
                        r.getDouble(9), r.getDouble(10))).toList();
        assertThat(stored).as("no window restarts at the purge").isEqualTo(expected);
        assertThat(stored.get(0).sma50()).isNotNull();

        pool.query("DELETE FROM analytics.volatility_metrics WHERE pair = 'EUR_NZD'").execute().await().atMost(WAIT);
        pool.query("DELETE FROM analytics.alert_states WHERE pair = 'EUR_NZD'").execute().await().atMost(WAIT);
        pool.query("DELETE FROM analytics.volatility_alerts WHERE pair = 'EUR_NZD'").execute().await().atMost(WAIT);
    }

    private List<Instant> times(String sql) {
        List<Instant> times = new ArrayList<>();
        pool.query(sql).execute().await().atMost(WAIT).forEach(r -> times.add(r.getOffsetDateTime(0).toInstant()));
        return times;
    }
}
