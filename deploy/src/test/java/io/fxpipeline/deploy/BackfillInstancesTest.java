package io.fxpipeline.deploy;

import io.fxpipeline.testing.RealServers;
import io.fxpipeline.testing.ServerAddress;
import io.fxpipeline.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the ingest jar, as two replicas or two operators would run them: while one backfill holds
 * the advisory lock, a second one skips (exit 3); when the first is killed with SIGKILL its lock goes with its
 * connection, and the next backfill resumes from the newest stored candle and closes the interrupted run.
 */
class BackfillInstancesTest {

    static final int CANDLES_PER_PAIR = 1_441; // the shipped synthetic set

    @Test
    void aSecondInstanceSkipsWhileTheFirstRunsAndACrashReleasesTheLock() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path logs = Files.createDirectories(Path.of("target/instances-logs-" + run));
        ServerAddress redis = RealServers.redis();
        try (TestDatabase database = TestDatabase.create("instances")) {
            Map<String, String> env = ServiceProcess.connection(database, redis, "instances-" + run + ":");
            env.put("FX_REPLAY_DIR", Repo.root().resolve("ingest-service/src/main/replay/synthetic-h1").toString());
            // one candle a request, one pair at a time: the first backfill holds its lock for many seconds
            Map<String, String> slow = new HashMap<>(env);
            slow.put("FX_PAGE_SIZE", "1");
            slow.put("FX_FETCH_CONCURRENCY", "1");
            String[] backfill = {"backfill", "--days", "90", "--pairs", "EUR_USD,GBP_USD,USD_JPY", "--no-progress"};

            Process first = ServiceProcess.launch("ingest-service", slow, logs, backfill);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> running(database) == 1);

                ServiceProcess.Result second = ServiceProcess.run("ingest-service", env, logs, backfill);
                assertThat(second.exitCode()).as(second.output()).isEqualTo(3);
                assertThat(second.output()).contains("backfill SKIPPED", "another run of backfill holds the lock");
                assertThat(first.isAlive()).as("the first backfill was still running").isTrue();
            } finally {
                first.destroyForcibly(); // SIGKILL, mid-run
                first.waitFor(30, TimeUnit.SECONDS);
            }
            long before = count(database, "SELECT count(*) FROM ingest.candles");
            assertThat(before).isBetween(1L, 3L * CANDLES_PER_PAIR - 1);

            ServiceProcess.Result third = ServiceProcess.run("ingest-service", env, logs, backfill);
            assertThat(third.exitCode()).as(third.output()).isZero();
            assertThat(count(database, "SELECT count(*) FROM ingest.candles")).isEqualTo(3L * CANDLES_PER_PAIR);
            // it resumed: what the killed run had stored was not stored again
            assertThat(third.output()).containsPattern("backfill SUCCEEDED: [\\d,]+ candles received, ([\\d,]+) stored");
            long storedByThird = Long.parseLong(third.output().replaceAll("(?s).*candles received, ([\\d,]+) stored.*", "$1")
                    .replace(",", ""));
            assertThat(storedByThird).isEqualTo(3L * CANDLES_PER_PAIR - before);
            assertThat(count(database, "SELECT count(*) FROM ingest.job_runs WHERE job = 'backfill' AND status = 'FAILED'"
                    + " AND error LIKE 'interrupted%'")).isEqualTo(1);
            assertThat(running(database)).isZero();
        }
    }

    static long running(TestDatabase database) throws Exception {
        return count(database, "SELECT count(*) FROM ingest.job_runs WHERE job = 'backfill' AND status = 'RUNNING'");
    }

    static long count(TestDatabase database, String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        } catch (java.sql.SQLException notYet) {
            if (notYet.getMessage().contains("does not exist")) {
                return 0; // the schema is created by the first process's migration
            }
            throw notYet;
        }
    }
}
