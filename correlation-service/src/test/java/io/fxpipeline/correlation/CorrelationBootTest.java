package io.fxpipeline.correlation;

import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.ServiceBootTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The correlation service boots ready against real servers, with its own schema only (checks in {@link ServiceBootTest}). */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class CorrelationBootTest extends ServiceBootTest {

    CorrelationBootTest() {
        super("correlation", "closes", "correlation_matrix", "best_pairs", "consumer_positions", "alert_states", "job_runs");
    }
}
