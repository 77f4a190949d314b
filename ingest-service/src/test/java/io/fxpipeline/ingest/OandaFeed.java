package io.fxpipeline.ingest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The ingest app on the OANDA feed (the WireMock stub), schedules off: tests start each job themselves, so no
 * timer can interleave with an assertion. Test classes with this profile share one app; they use distinct pairs.
 */
public class OandaFeed implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fx.feed", "oanda", "quarkus.scheduler.enabled", "false");
    }
}
