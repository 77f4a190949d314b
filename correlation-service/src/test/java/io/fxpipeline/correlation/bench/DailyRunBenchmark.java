package io.fxpipeline.correlation.bench;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/** One whole daily run for the 20 default pairs (read, compute, store, cache, publish) through the API. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class DailyRunBenchmark {

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @Test
    void dailyRunForTwentyPairs() {
        Random random = new Random(3);
        MessageCodec codec = new MessageCodec();
        Instant start = Instant.parse("2024-03-04T00:00:00Z");
        for (Pair pair : TrackedPairs.DEFAULT) {
            List<Candle> candles = new ArrayList<>();
            double price = 1 + random.nextDouble();
            for (int i = 0; i < 100; i++) {
                price *= Math.exp(random.nextGaussian() * 0.001);
                BigDecimal p = BigDecimal.valueOf(price).setScale(5, RoundingMode.HALF_EVEN);
                candles.add(new Candle(start.plusSeconds(3600L * i), p, p, p, p, 1L));
            }
            redis.pubsub(String.class).publish(new Channels(prefix).dataReady(),
                    codec.encode(CandlesReady.live(Instant.now(), pair, Granularity.H1, 1, candles)))
                    .await().atMost(Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.query("SELECT count(*) FROM correlation.closes")
                .execute().await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == 2000);
        for (int warm = 0; warm < 5; warm++) {
            given().post("/correlation/run").then().statusCode(200);
        }
        int runs = 20;
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            given().post("/correlation/run").then().statusCode(200).body("with_value", is(190));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("BENCH correlation daily run, 20 pairs x 100 candles, compute+store+cache+publish via POST /correlation/run: "
                + "median %.1f ms, max %.1f ms over %d runs%n", ms[runs / 2], ms[runs - 1], runs);
    }
}
