package io.fxpipeline.analytics.service;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A per-pair threshold overrides the global one for that pair only. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(PerPairThresholdTest.CalmerGbpJpy.class)
class PerPairThresholdTest {

    /** GBP_JPY may move up to 200 % a year before it alerts, EUR_CAD 300 %; everything else keeps 0.15. */
    public static class CalmerGbpJpy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the environment's form (VOLATILITY_PAIR_THRESHOLDS) and the config-key form, each for one pair
            return Map.of("fx.alerts.pair-threshold-list", "GBP_JPY=2.0,EUR_CHF=1.5", "fx.alerts.pair-thresholds.EUR_CAD", "3.0");
        }
    }

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void onlyThePairWithoutAnOverrideAlerts() {
        MessageCodec codec = new MessageCodec();
        Channels channels = new Channels(prefix);
        try (ChannelRecorder recorder = ChannelRecorder.subscribe(redisHosts, channels.volatilityAlerts())) {
            for (Pair pair : List.of(Pair.of("GBP_JPY"), Pair.of("EUR_CAD"), Pair.of("EUR_GBP"))) {
                redis.pubsub(String.class).publish(channels.dataReady(), codec.encode(CandlesReady.live(Instant.now(),
                        pair, Granularity.H1, 1, MetricsPipelineTest.walk(40, 9, 0.01)))).await().atMost(Duration.ofSeconds(5));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.payloads(channels.volatilityAlerts()).isEmpty());
            // All three carry the same wild series; give the overridden pairs (sent first) every chance to alert.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> recorder.payloads(channels.volatilityAlerts()).size() == 1);
            VolatilityAlert alert = codec.decode(recorder.payloads(channels.volatilityAlerts()).get(0), VolatilityAlert.class);
            assertThat(alert.pair()).isEqualTo(Pair.of("EUR_GBP"));
            assertThat(alert.threshold()).isEqualTo(0.15);
        }
    }
}
