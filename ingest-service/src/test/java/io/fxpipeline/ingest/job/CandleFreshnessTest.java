package io.fxpipeline.ingest.job;

import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pair whose newest candle falls more than two bars of trading time behind the feed's present is announced stale
 * once, and fresh once when it catches up; its age is a gauge. Friday's last close is not stale over the weekend.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
class CandleFreshnessTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A Friday's last candle (21:00, closing at the 22:00 weekly close); NZD_JPY is this test's own pair. */
    private static final Instant FRIDAY_LAST = Instant.parse("2023-06-09T21:00:00Z");

    @Inject
    CandleFreshness freshness;

    @Inject
    Pool pool;

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    private final MessageCodec codec = new MessageCodec();

    @Test
    void aPairGoesStaleOnceAndFreshOnceWeekendsAside() {
        pool.preparedQuery("DELETE FROM ingest.candles WHERE pair = 'NZD_JPY'").execute().await().atMost(WAIT);
        pool.preparedQuery("""
                        INSERT INTO ingest.candles (pair, granularity, time, open, high, low, close, volume, source, seq)
                        VALUES ('NZD_JPY', 'H1', $1, 1.1, 1.1, 1.1, 1.1, 10, 'oanda', 1),
                               ('NZD_JPY', 'H1', $2, 1.1, 1.1, 1.1, 1.1, 10, 'oanda', 1)""")
                // the age is the newest candle's: an older one beside it changes nothing
                .execute(Tuple.of(FRIDAY_LAST.atOffset(ZoneOffset.UTC), FRIDAY_LAST.minus(Duration.ofHours(30))
                        .atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
        Channels channels = new Channels(prefix);
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.systemAlerts())) {
            freshness.check(Instant.parse("2023-06-09T22:30:00Z")); // just after the close: fresh, nothing to say
            freshness.check(Instant.parse("2023-06-11T21:00:00Z")); // Sunday evening: the weekend is not a gap
            freshness.check(Instant.parse("2023-06-12T01:00:00Z")); // Monday 01:00: 3 trading hours behind: stale
            freshness.check(Instant.parse("2023-06-12T02:00:00Z")); // still stale: nothing new to say
            List<String> age = given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                    .filter(l -> l.startsWith("fx_ingest_candle_age_seconds") && l.contains("NZD_JPY")).toList();
            assertThat(age).hasSize(1);
            // Friday 22:00 to Monday 02:00
            assertThat(Double.parseDouble(age.get(0).substring(age.get(0).lastIndexOf(' ') + 1))).isEqualTo(52 * 3600.0);
            pool.preparedQuery("UPDATE ingest.candles SET time = $1 WHERE pair = 'NZD_JPY' AND time = $2")
                    .execute(Tuple.of(Instant.parse("2023-06-12T01:00:00Z").atOffset(ZoneOffset.UTC),
                            FRIDAY_LAST.atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
            freshness.check(Instant.parse("2023-06-12T02:00:00Z")); // caught up: fresh again
            redis.pubsub(String.class).publish(channels.systemAlerts(), "marker").await().atMost(WAIT);
            await().atMost(WAIT).until(() -> recorder.payloads(channels.systemAlerts()).contains("marker"));
            List<SystemAlert> alerts = recorder.payloads(channels.systemAlerts()).stream().filter(p -> !p.equals("marker"))
                    .map(p -> codec.decode(p, SystemAlert.class)).filter(a -> a.subject().equals("NZD_JPY")).toList();
            assertThat(alerts).extracting(SystemAlert::kind, SystemAlert::subject).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(SystemAlert.Kind.PAIR_STALE, "NZD_JPY"),
                    org.assertj.core.groups.Tuple.tuple(SystemAlert.Kind.PAIR_FRESH, "NZD_JPY"));
            assertThat(alerts.get(0).service()).isEqualTo("ingest");
            assertThat(alerts.get(0).message()).contains("180 min of trading time");
        }
    }
}
