package io.fxpipeline.analytics.bench;

import io.fxpipeline.analytics.metrics.MetricsCalculator;
import io.fxpipeline.analytics.metrics.Ohlc;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.bench.CopyBaseline;
import io.fxpipeline.testing.bench.CpuMeter;
import io.fxpipeline.testing.bench.YearLoad;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * Candles per second from data_ready messages to stored metric rows, through real Redis and PostgreSQL: a year of
 * the 20 default pairs (175,200 H1 candles) in 500-candle messages ({@code -Dbench.chunk}), as ingest publishes a
 * backfill. Baseline in the same run: COPY of the same bar rows (prices and metrics computed in memory) into an
 * unlogged table.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class IngestThroughputBenchmark {

    private static final String COLUMNS =
            "pair, granularity, time, open, high, low, close, hv_20, hv_50, sma_15, sma_30, sma_50, bb_upper, bb_middle, "
                    + "bb_lower, atr_14";

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @ConfigProperty(name = "fx-test.database")
    String database;

    @Test
    void aYearOfTwentyPairsIntoStoredMetrics() {
        YearLoad.Result run = YearLoad.run(redis, new Channels(prefix).dataReady(),
                new CpuMeter(jdbcUrl, user, password.orElse(""), database), pool, "analytics.volatility_metrics");
        Map<Pair, List<Candle>> year = run.year();
        long expected = run.candles();
        double seconds = run.seconds();

        double copy = CopyBaseline.copySeconds(jdbcUrl, user, password.orElse(""), "analytics.volatility_metrics", COLUMNS,
                csv(year));
        System.out.printf("BENCH analytics data_ready -> stored metrics: %s%n", run.summary());
        System.out.printf("BENCH analytics baseline COPY of the same %,d bar rows (prices and metrics) into an unlogged table: %.2f s = "
                + "%,.0f rows/s; pipeline / COPY time = %.1fx%n", expected, copy, expected / copy, seconds / copy);
    }

    private static String csv(Map<Pair, List<Candle>> year) {
        MetricsCalculator calculator = new MetricsCalculator(6240);
        StringBuilder csv = new StringBuilder(40 << 20);
        year.forEach((pair, candles) -> {
            List<Ohlc> bars = candles.stream().map(Ohlc::of).toList();
            List<VolatilityMetrics> metrics = calculator.computeAll(bars);
            for (int i = 0; i < bars.size(); i++) {
                Ohlc bar = bars.get(i);
                VolatilityMetrics m = metrics.get(i);
                csv.append(pair.name()).append(",H1,").append(m.time());
                for (Double v : new Double[] {bar.open(), bar.high(), bar.low(), m.close(), m.hv20(), m.hv50(),
                        m.sma15(), m.sma30(), m.sma50(), m.bbUpper(), m.bbMiddle(), m.bbLower(), m.atr14()}) {
                    csv.append(',');
                    if (v != null) {
                        csv.append(v.doubleValue());
                    }
                }
                csv.append('\n');
            }
        });
        return csv.toString();
    }
}
