package io.fxpipeline.ingest.price;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.OandaStub;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.PriceUpdate;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Price polling: ticks in PostgreSQL, price:{PAIR} with its TTL, price_updates for new ticks, GET /prices. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
class PricePollerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @OandaStub.Inject
    WireMockServer oanda;

    @Inject
    PricePoller poller;

    @Inject
    Pool pool;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    /** EUR_GBP tradeable, GBP_JPY not (market closed), EUR_AUD without bids, and a heartbeat among the prices. */
    private void stubPrices(String time) {
        oanda.resetAll();
        oanda.stubFor(get(urlPathEqualTo("/v3/accounts/" + OandaStub.ACCOUNT + "/pricing"))
                .withQueryParam("instruments", com.github.tomakehurst.wiremock.client.WireMock.containing("EUR_GBP"))
                .willReturn(OandaAnswers.ok("{\"time\":\"" + time + "\",\"prices\":["
                        + OandaPricesTest.price("EUR_GBP", "[{\"price\":\"0.83261\",\"liquidity\":1000000}]",
                        "[{\"price\":\"0.83274\",\"liquidity\":1000000}]", true).replace("2024-11-15T19:42:09.871234567Z", time) + ","
                        + "{\"type\":\"HEARTBEAT\",\"time\":\"" + time + "\"},"
                        + OandaPricesTest.price("GBP_JPY", "[{\"price\":\"193.104\",\"liquidity\":1000000}]",
                        "[{\"price\":\"193.121\",\"liquidity\":1000000}]", false).replace("2024-11-15T19:42:09.871234567Z", time) + ","
                        + OandaPricesTest.price("EUR_AUD", "[]", "[{\"price\":\"1.6\",\"liquidity\":1}]", true)
                        + "]}")));
    }

    /** A quote time with all nine digits OANDA sends. */
    private static Instant quoteTime() {
        return Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusNanos(871_234_567);
    }

    @Test
    void aHeartbeatAmongThePricesIsSkippedAndTheRunSucceeds() {
        oanda.resetAll();
        String time = quoteTime().toString();
        oanda.stubFor(get(urlPathEqualTo("/v3/accounts/" + OandaStub.ACCOUNT + "/pricing"))
                .willReturn(OandaAnswers.ok("{\"time\":\"" + time + "\",\"prices\":["
                        + "{\"type\":\"HEARTBEAT\",\"time\":\"" + time + "\"},"
                        + OandaPricesTest.price("CAD_JPY", "[{\"price\":\"108.512\",\"liquidity\":1000000}]",
                        "[{\"price\":\"108.530\",\"liquidity\":1000000}]", true).replace("2024-11-15T19:42:09.871234567Z", time)
                        + "]}")));
        double skippedBefore = skipped("HEARTBEAT");

        JobRuns.Outcome outcome = poller.poll().await().atMost(WAIT);

        assertThat(outcome.status()).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(outcome.error()).isNull();
        assertThat(outcome.records()).isEqualTo(1);
        assertThat(skipped("HEARTBEAT") - skippedBefore).isEqualTo(1.0);
    }

    private double skipped(String type) {
        io.micrometer.core.instrument.Counter counter = meters.find("fx.ingest.prices.skipped").tags("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void pollStoresCachesAndAnnouncesNewTicksOnly() {
        Channels channels = new Channels(prefix);
        MessageCodec codec = new MessageCodec();
        Instant quoted = quoteTime();
        String time = quoted.toString();
        stubPrices(time);
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.priceUpdates())) {
            JobRuns.Outcome first = poller.poll().await().atMost(WAIT);
            assertThat(first.status()).isEqualTo(JobRuns.Status.PARTIAL);
            assertThat(first.records()).isEqualTo(2);
            assertThat(first.error()).contains("EUR_AUD", "no bids").doesNotContain("HEARTBEAT", "'?'");

            await().atMost(WAIT).until(() -> recorder.payloads(channels.priceUpdates()).size() == 2);
            List<PriceUpdate> updates = recorder.payloads(channels.priceUpdates()).stream()
                    .map(p -> codec.decode(p, PriceUpdate.class)).toList();
            PriceUpdate eurGbp = updates.stream().filter(u -> u.pair().equals(Pair.of("EUR_GBP"))).findFirst().orElseThrow();
            assertThat(eurGbp.bid()).isEqualTo(new BigDecimal("0.83261"));
            assertThat(eurGbp.ask()).isEqualTo(new BigDecimal("0.83274"));
            assertThat(eurGbp.mid()).isEqualTo(new BigDecimal("0.832675"));
            assertThat(eurGbp.time()).isEqualTo(quoted);
            assertThat(eurGbp.tradeable()).isTrue();
            assertThat(recorder.payloads(channels.priceUpdates())).anyMatch(p -> p.contains("\"pair\":\"EUR_GBP\"")
                    && p.contains("\"time\":\"" + time + "\"") && p.contains("\"tradeable\":true"));
            PriceUpdate gbpJpy = updates.stream().filter(u -> u.pair().equals(Pair.of("GBP_JPY"))).findFirst().orElseThrow();
            assertThat(gbpJpy.tradeable()).as("a market-closed quote says so").isFalse();

            String cached = redis.value(String.class).get(channels.priceKey(Pair.of("GBP_JPY"))).await().atMost(WAIT);
            assertThat(codec.decode(cached, PriceUpdate.class).mid()).isEqualTo(new BigDecimal("193.1125"));
            assertThat(codec.decode(cached, PriceUpdate.class).tradeable()).isFalse();
            assertThat(codec.decode(cached, PriceUpdate.class).time()).isEqualTo(quoted);
            long ttl = redis.key().ttl(channels.priceKey(Pair.of("GBP_JPY"))).await().atMost(WAIT);
            assertThat(ttl).isBetween(290L, 300L);
            assertThat(pool.query("SELECT count(*) FROM ingest.price_ticks WHERE pair IN ('EUR_GBP', 'GBP_JPY')")
                    .execute().await().atMost(WAIT).iterator().next().getLong(0)).isEqualTo(2);

            // the same quotes a minute later: nothing new stored or announced
            JobRuns.Outcome second = poller.poll().await().atMost(WAIT);
            assertThat(second.records()).isZero();
            assertThat(recorder.payloads(channels.priceUpdates())).hasSize(2);
        }

        given().get("/prices/EUR_GBP").then().statusCode(200)
                .body("pair", equalTo("EUR_GBP")).body("bid", equalTo("0.83261")).body("mid", equalTo("0.832675"))
                .body("tradeable", equalTo(true)).body("time", equalTo(time));
        given().get("/prices/GBP_JPY").then().statusCode(200).body("tradeable", equalTo(false));
        // with the cache gone, the newest stored tick answers: its time cut to PostgreSQL's microseconds
        redis.key().del(channels.priceKey(Pair.of("EUR_GBP"))).await().atMost(WAIT);
        given().get("/prices/EUR_GBP").then().statusCode(200).body("ask", equalTo("0.83274"))
                .body("tradeable", equalTo(true))
                .body("time", equalTo(quoted.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString()));
        given().get("/prices/NZD_JPY").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no price for NZD_JPY in the last 24 hours"));
        // a tick received 25 hours ago that the daily purge has not removed yet is not a current price
        pool.query("UPDATE ingest.price_ticks SET received_at = now() - interval '25 hours' WHERE pair = 'EUR_GBP'")
                .execute().await().atMost(WAIT);
        given().get("/prices/EUR_GBP").then().statusCode(404).body("detail", equalTo("no price for EUR_GBP in the last 24 hours"));
        given().get("/prices/USD_SEK").then().statusCode(404)
                .body("detail", equalTo("no price for USD_SEK: USD_SEK is not one of the tracked pairs (FX_PAIRS)"));
        given().get("/cache/stats").then().statusCode(200).body("tracked_pairs", equalTo(20));
    }
}
