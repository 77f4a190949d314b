package io.fxpipeline.ingest;

import io.fxpipeline.testing.FxTestResource;
import io.fxpipeline.testing.ServiceBootTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The ingest service boots ready against real servers, with its own schema only (checks in {@link ServiceBootTest}). */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class IngestBootTest extends ServiceBootTest {

    IngestBootTest() {
        super("ingest", "candles", "price_ticks", "market_sessions", "job_runs", "series_sequences");
    }
}
