package io.fxpipeline.correlation.command;

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
 * The jar's commands: {@code run} on an empty database reports too little data (exit 3) rather than failing,
 * {@code purge} succeeds, an unknown command is refused. The full run with data is CorrelationRunTest's.
 */
@QuarkusMainTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(CorrelationCommandTest.Command.class)
class CorrelationCommandTest {

    /** What {@code CorrelationMain.main} sets before start-up for a command. */
    public static class Command implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fx.serve", "false", "quarkus.scheduler.enabled", "false");
        }
    }

    @Test
    void runReportsTooLittleDataAndPurgeSucceeds(QuarkusMainLauncher launcher) {
        LaunchResult run = launcher.launch("run");
        assertThat(run.exitCode()).as(run.getErrorOutput()).isEqualTo(3);
        assertThat(run.getOutput()).containsPattern("correlation run \\d+ as of .*: SKIPPED, 0 of 0 entries valued")
                .contains("too little data: no two pairs share 30 returns in the last 100 candles (0 of 20 pairs have closes)");

        LaunchResult purge = launcher.launch("purge");
        assertThat(purge.exitCode()).as(purge.getErrorOutput()).isZero();
        assertThat(purge.getOutput()).contains("purge SUCCEEDED: 0 rows deleted");

        LaunchResult unknown = launcher.launch("rank");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.getErrorOutput()).contains("Unmatched argument at index 0: 'rank'");
    }
}
