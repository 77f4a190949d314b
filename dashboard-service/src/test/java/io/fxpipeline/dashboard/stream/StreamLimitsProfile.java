package io.fxpipeline.dashboard.stream;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Small limits, so the stream tests reach them quickly. */
public class StreamLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "fx.stream.client-queue", "16",
                "fx.stream.slow-client-timeout", "1s",
                "fx.stream.max-ops-per-second", "10");
    }
}
