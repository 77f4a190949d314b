package io.fxpipeline.testing;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** The checks every service's boot test makes, written once. */
public final class ServiceChecks {

    private ServiceChecks() {
    }

    /** Liveness and readiness are UP, and readiness really checks PostgreSQL and Redis. */
    public static void assertHealthy() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "Redis connection health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    public static void assertOperationsEndpoints() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200);
    }

    /** Tables Flyway created in the service's schema. */
    public static List<String> tablesOf(Pool pool, String schema) {
        return StreamSupport.stream(pool.preparedQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1")
                .execute(Tuple.of(schema)).await().atMost(Duration.ofSeconds(5)).spliterator(), false)
                .map(row -> row.getString(0)).toList();
    }

    /** A contract message published through the service's Redis client arrives intact at a real subscriber. */
    public static void assertPubSubRoundTrip(ReactiveRedisDataSource redis, String redisHosts, String prefix) {
        Channels channels = new Channels(prefix);
        MessageCodec codec = new MessageCodec();
        CandlesReady sent = CandlesReady.live(Instant.parse("2024-11-15T20:00:00Z"), Pair.of("EUR_USD"),
                Granularity.H1, 7, List.of(new Candle(Instant.parse("2024-11-15T19:00:00Z"),
                        new BigDecimal("1.05405"), new BigDecimal("1.05437"), new BigDecimal("1.05318"),
                        new BigDecimal("1.05350"), 2987L)));
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.dataReady())) {
            redis.pubsub(String.class).publish(channels.dataReady(), codec.encode(sent))
                    .await().atMost(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(5)).until(() -> !recorder.payloads(channels.dataReady()).isEmpty());
            assertThat(codec.decode(recorder.payloads(channels.dataReady()).get(0))).isEqualTo(sent);
        }
    }
}
