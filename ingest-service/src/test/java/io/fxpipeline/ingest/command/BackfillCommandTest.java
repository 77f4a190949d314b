package io.fxpipeline.ingest.command;

import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's commands on the shipped synthetic replay set: a backfill prints a summary per pair; bad arguments are
 * refused with a usage message.
 */
@QuarkusMainTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(BackfillCommandTest.ShippedReplay.class)
class BackfillCommandTest {

    /** The replay source "now" is three weeks into the shipped data; a command does not serve. */
    public static class ShippedReplay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fx.feed", "replay", "fx.replay.dir", "src/main/replay/synthetic-h1",
                    "fx.replay.start", "2025-01-27T00:00:00Z", "fx.serve", "false", "quarkus.scheduler.enabled", "false");
        }
    }

    @Test
    void backfillsTheWindowAndPrintsASummaryPerPair(QuarkusMainLauncher launcher) {
        LaunchResult first = launcher.launch("backfill", "--days", "7", "--pairs", "EUR_USD,USD_JPY", "--no-progress");
        assertThat(first.exitCode()).as(first.getErrorOutput()).isZero();
        // 2025-01-20 00:00 to 2025-01-27 00:00 UTC: Monday 00:00 to Friday 21:00 (winter) = 118 trading hours, plus Sunday 22:00-23:00
        assertThat(first.getOutput()).contains("EUR_USD: 120 records (120 new or changed, 0 rejected)",
                "USD_JPY: 120 records (120 new or changed, 0 rejected)", "backfill SUCCEEDED: 240 candles received, 240 stored");
        // each launch gets a fresh database here, so resuming is asserted in BackfillTest
    }

    @Test
    void badArgumentsAreRefusedWithAUsageMessage(QuarkusMainLauncher launcher) {
        LaunchResult days = launcher.launch("backfill", "--days", "0");
        assertThat(days.exitCode()).isEqualTo(2);
        assertThat(days.getErrorOutput()).contains("--days must be 1 to 3650, was 0", "Usage: ingest-service backfill");
        LaunchResult pairs = launcher.launch("backfill", "--pairs", "EURUSD");
        assertThat(pairs.exitCode()).isEqualTo(2);
        assertThat(pairs.getErrorOutput()).contains("--pairs:", "EURUSD");
        LaunchResult unknown = launcher.launch("rebuild");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.getErrorOutput()).contains("Unmatched argument at index 0: 'rebuild'");
    }
}
