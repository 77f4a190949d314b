package io.fxpipeline.correlation.trust;

import io.fxpipeline.model.Channels;
import io.fxpipeline.testing.FxTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11's reproductions against the running service, real Redis and PostgreSQL: well-formed {@code data_ready}
 * messages carrying impossible candles, published by hand. Each must be refused, counted with its reason, and
 * never stored; the good candles around them still are. GBP_AUD is used by no other test of this module.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class ForgedCandlesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    private static String message(long seq, String... candles) {
        return "{\"v\":1,\"type\":\"candles\",\"ts\":\"" + Instant.now() + "\",\"pair\":\"GBP_AUD\",\"granularity\":\"H1\","
                + "\"seq\":" + seq + ",\"candles\":[" + String.join(",", candles) + "],\"count\":" + candles.length + "}";
    }

    private static String candle(String time, String close) {
        return "{\"time\":\"" + time + "\",\"o\":\"1.90000\",\"h\":\"" + new java.math.BigDecimal(close).max(new java.math.BigDecimal("1.91000")).toPlainString()
                + "\",\"l\":\"1.89000\",\"c\":\"" + close + "\",\"volume\":10}";
    }

    private void publish(String payload) {
        redis.pubsub(String.class).publish(new Channels(prefix).dataReady(), payload).await().atMost(WAIT);
    }

    private List<String> storedTimes() {
        List<String> times = new java.util.ArrayList<>();
        pool.query("SELECT time FROM correlation.closes WHERE pair = 'GBP_AUD' ORDER BY time").execute()
                .await().atMost(WAIT).forEach(r -> times.add(r.getOffsetDateTime(0).toInstant().toString()));
        return times;
    }

    private double counted(String name, String reason) {
        var counter = meters.find(name).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void impossibleCandlesAreRefusedCountedAndNeverStored() {
        double future = counted("fx.correlation.candles.rejected", "future");
        double misaligned = counted("fx.correlation.candles.rejected", "misaligned");

        // a candle from the year 2999 next to a good one: only the good one is stored
        publish(message(1, candle("2024-03-04T10:00:00Z", "1.90100"), candle("2999-01-01T00:00:00Z", "1.90200")));
        // half past the hour
        publish(message(2, candle("2024-03-04T11:30:00Z", "1.90300")));
        // a 44-digit close, and 1e400 (Infinity as a double): the codec refuses the whole message
        publish(message(3, candle("2024-03-04T12:00:00Z", "12345678901234567890123456789012345678901234")));
        publish(message(4, "{\"time\":\"2024-03-04T13:00:00Z\",\"o\":\"1.9\",\"h\":\"1e400\",\"l\":\"1.8\",\"c\":\"1e400\",\"volume\":1}"));
        // a good message last: once it is stored, every earlier one has been handled (one lane per pair, in order)
        publish(message(5, candle("2024-03-04T14:00:00Z", "1.90400")));

        await().atMost(WAIT).until(() -> storedTimes().contains("2024-03-04T14:00:00Z"));
        assertThat(storedTimes()).containsExactly("2024-03-04T10:00:00Z", "2024-03-04T14:00:00Z");
        assertThat(counted("fx.correlation.candles.rejected", "future")).isEqualTo(future + 1);
        assertThat(counted("fx.correlation.candles.rejected", "misaligned")).isEqualTo(misaligned + 1);
        assertThat(meters.find("fx.correlation.messages.rejected").counters().stream()
                .filter(c -> c.getId().getTag("reason").startsWith("candles[0]")).mapToDouble(c -> c.count()).sum())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void theTableRefusesNonFiniteCloses() {
        for (String value : List.of("Infinity", "NaN")) {
            assertThatThrownBy(() -> pool.query("INSERT INTO correlation.closes (pair, granularity, time, close) "
                    + "VALUES ('GBP_AUD', 'M1', '2024-01-01T00:00:00Z', '" + value + "')").execute().await().atMost(WAIT))
                    .isInstanceOf(PgException.class).hasMessageContaining("closes_finite");
        }
    }
}
