package io.fxpipeline.correlation;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class ServiceBootTest {

    @Inject
    Pool pool;

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void readinessChecksPostgresAndRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems(
                        "Reactive PostgreSQL connections health check", "Redis connection health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void migrationsCreateTheCorrelationSchema() {
        List<String> tables = StreamSupport.stream(pool.query(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'correlation' ORDER BY 1")
                .execute().await().atMost(Duration.ofSeconds(5)).spliterator(), false)
                .map(row -> row.getString(0)).toList();
        assertThat(tables).contains("closes", "correlation_matrix", "best_pairs", "consumer_positions", "alert_states", "job_runs");
    }

    @Test
    void prometheusAndOpenApiAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aContractMessageTravelsThroughRealRedis() {
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
