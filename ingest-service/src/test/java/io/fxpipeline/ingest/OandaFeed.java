package io.fxpipeline.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The ingest app on the OANDA feed (the WireMock stub), schedules off: tests start each job themselves, so no
 * timer can interleave with an assertion. Test classes with this profile share one app; they use distinct pairs.
 * The OANDA timeouts are production's (the short test ones are for OandaClientTest's slow answers): these tests
 * count requests and connections, which a timed-out attempt on a busy machine would change.
 */
public class OandaFeed implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fx.feed", "oanda", "quarkus.scheduler.enabled", "false",
                "fx.oanda.read-timeout", "15s",
                "io.fxpipeline.ingest.feed.oanda.OandaClient/candles/Timeout/value", "20");
    }
}
