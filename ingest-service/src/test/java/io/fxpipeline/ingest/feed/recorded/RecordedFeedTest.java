package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.ingest.job.CandleFreshness;
import io.fxpipeline.ingest.service.CandleSync;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The replay feed plays two recorded days (synthetic test files) into storage and data_ready. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(RecordedFeedTest.FastReplay.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first sees the candles played, the second the end
class RecordedFeedTest {

    /** 10 market hours a second from the first recorded candle. */
    public static class FastReplay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fx.feed", "replay", "fx.replay.dir", "src/test/resources/replay-sample",
                    "fx.replay.speed", "36000", "fx.pairs", "EUR_USD,USD_JPY,GBP_USD");
        }
    }

    @Inject
    Pool pool;

    @Inject
    RecordedFeed feed;

    @Inject
    CandleSync sync;

    @Inject
    CandleFreshness freshness;

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    /** The replay_ended alerts in the alerts stream. */
    private List<SystemAlert> replayEnded(Channels channels) {
        MessageCodec codec = new MessageCodec();
        return redis.stream(String.class).xrange(channels.alertStream(), StreamRange.of("-", "+")).await()
                .atMost(Duration.ofSeconds(5)).stream().map(e -> e.payload().get("message"))
                .filter(json -> json.contains("\"system_alert\""))
                .map(json -> codec.decode(json, SystemAlert.class))
                .filter(a -> a.kind() == SystemAlert.Kind.REPLAY_ENDED).toList();
    }

    private long stored(String pair) {
        return pool.preparedQuery("SELECT count(*) FROM ingest.candles WHERE pair = $1 AND source = 'replay'")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(pair)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    @Test
    @Order(1)
    void recordedCandlesArriveAsTheirHoursEndOnTheVirtualClock() {
        Channels channels = new Channels(prefix);
        MessageCodec codec = new MessageCodec();
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.dataReady())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stored("EUR_USD") == 48 && stored("USD_JPY") == 48);
            assertThat(stored("GBP_USD")).as("no file for GBP_USD: silent, not failing").isZero();
            assertThat(feed.marketNow().orElseThrow()).isAfterOrEqualTo(java.time.Instant.parse("2024-01-04T00:00:00Z"));
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.payloads(channels.dataReady()).stream()
                    .map(p -> codec.decode(p, CandlesReady.class)).filter(m -> m.pair().name().equals("EUR_USD"))
                    .mapToInt(m -> m.candles().size()).sum() >= 1);
        }
    }

    /**
     * Played to its end, the recording's present stops at its newest close: the clock running on must not make every
     * pair stale (a PAIR_STALE problem for each pair on the dashboard, as if the feed had broken down).
     */
    @Test
    @Order(2)
    void theFeedsPresentStopsAtTheEndOfTheRecording() {
        Instant end = Instant.parse("2024-01-04T00:00:00Z"); // the newest recorded candle opened at 2024-01-03T23:00
        await().atMost(Duration.ofSeconds(30)).until(feed::ended);
        // said once on system_alerts (and so in the alerts stream a page reads on opening): why candles stopped
        Channels alertChannels = new Channels(prefix);
        await().atMost(Duration.ofSeconds(10)).until(() -> !replayEnded(alertChannels).isEmpty());
        assertThat(replayEnded(alertChannels)).singleElement().satisfies(alert -> {
            assertThat(alert.subject()).isEqualTo("feed");
            assertThat(alert.service()).isEqualTo("ingest");
            assertThat(alert.message()).contains("newest candle closed at " + end, "no more candles will come");
        });
        // past what a replay at 10 market hours a second may trail by (2 bars and two 10-hour ticks), still on a
        // Thursday: a present running on with the clock would be stale
        assertThat(sync.source().presentStep()).isEqualTo(Duration.ofHours(10));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> feed.clockTime().orElseThrow().isAfter(end.plus(Duration.ofHours(2 + 2 * 10 + 1))));
        assertThat(feed.marketNow()).contains(end);
        assertThat(sync.source().now()).isEqualTo(end);
        assertThat(stored("EUR_USD")).isEqualTo(48);

        Channels channels = new Channels(prefix);
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.systemAlerts())) {
            freshness.check(sync.source().now());
            // 21 hours of trading time behind: no more than a replay at this speed may trail by between its ticks
            freshness.check(end.plus(Duration.ofHours(21)));
            // the same check as of the running clock does report both pairs stale: so the first said nothing
            Instant late = feed.clockTime().orElseThrow();
            freshness.check(late);
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.payloads(channels.systemAlerts()).size() >= 2);
            assertThat(recorder.payloads(channels.systemAlerts())).hasSize(2)
                    .allMatch(p -> p.contains("\"pair_stale\"") && p.contains("before " + late + "\""));
        }
    }
}
