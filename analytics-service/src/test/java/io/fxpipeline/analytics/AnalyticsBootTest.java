package io.fxpipeline.analytics;

import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.ServiceBootTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The analytics service boots ready against real servers, with its own schema only (checks in {@link ServiceBootTest}). */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class AnalyticsBootTest extends ServiceBootTest {

    AnalyticsBootTest() {
        super("analytics", "volatility_metrics", "consumer_positions", "alert_states", "job_runs");
    }
}
