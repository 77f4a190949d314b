package io.fxpipeline.correlation.bench;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
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
 * Candles per second from data_ready messages to correlation's stored closes, through real Redis and PostgreSQL: a
 * year of the 20 default pairs (175,200 H1 candles) in 500-candle messages ({@code -Dbench.chunk}). Baseline in the
 * same run: COPY of the same close rows into an unlogged table.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ClosesThroughputBenchmark {

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
    void aYearOfTwentyPairsIntoStoredCloses() {
        YearLoad.Result run = YearLoad.run(redis, new Channels(prefix).dataReady(),
                new CpuMeter(jdbcUrl, user, password.orElse(""), database), pool, "correlation.closes");
        Map<Pair, List<Candle>> year = run.year();
        long expected = run.candles();
        double seconds = run.seconds();

        StringBuilder csv = new StringBuilder(10 << 20);
        year.forEach((pair, candles) -> candles.forEach(c -> csv.append(pair.name()).append(",H1,").append(c.time())
                .append(',').append(c.close().doubleValue()).append('\n')));
        double copy = CopyBaseline.copySeconds(jdbcUrl, user, password.orElse(""), "correlation.closes",
                "pair, granularity, time, close", csv.toString());
        System.out.printf("BENCH correlation data_ready -> stored closes: %s%n", run.summary());
        System.out.printf("BENCH correlation baseline COPY of the same %,d close rows into an unlogged table: %.2f s = "
                + "%,.0f rows/s; pipeline / COPY time = %.1fx%n", expected, copy, expected / copy, seconds / copy);
    }
}
