package io.fxpipeline.analytics.store;

import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-statement write's guard looks up the series' newest stored candle on every live hour. From a prepared
 * statement's sixth call PostgreSQL may plan it once for any parameters (a generic plan); that plan must still step
 * back along the primary key, not read the whole table. Real PostgreSQL, with a year of one pair's bars stored.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class StoredTailGuardPlanTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void theGenericPlanOfTheGuardReadsOneIndexEntryNotTheTable() {
        assertThat(SeriesExtension.STATEMENT).contains(SeriesExtension.NEWEST_STORED);
        pool.query("""
                INSERT INTO analytics.volatility_metrics (pair, granularity, time, open, high, low, close)
                SELECT 'AUD_CAD', 'H1', timestamptz '2023-01-02' + i * interval '1 hour', 0.91, 0.92, 0.90, 0.915
                FROM generate_series(0, 8759) AS i ON CONFLICT DO NOTHING""").execute().await().atMost(WAIT);
        pool.query("ANALYZE analytics.volatility_metrics").execute().await().atMost(WAIT);

        List<String> plan = new ArrayList<>();
        pool.withConnection(c -> c.query("SET plan_cache_mode = force_generic_plan").execute()
                        .chain(() -> c.query("PREPARE newest_stored(text, text) AS " + SeriesExtension.NEWEST_STORED)
                                .execute())
                        .chain(() -> c.query("EXPLAIN (ANALYZE, COSTS OFF) EXECUTE newest_stored('AUD_CAD', 'H1')")
                                .execute())
                        .call(() -> c.query("DEALLOCATE newest_stored").execute())
                        .call(() -> c.query("RESET plan_cache_mode").execute()))
                .await().atMost(WAIT).forEach((Row r) -> plan.add(r.getString(0)));

        String text = String.join("\n", plan);
        assertThat(text).as(text).contains("Index Only Scan Backward using volatility_metrics_pkey").doesNotContain("Seq Scan");
        assertThat(text).as(text).containsPattern("Index Only Scan Backward[^\\n]*rows=1 loops=1");
    }
}
