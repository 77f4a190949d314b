package io.fxpipeline.dashboard;

import io.fxpipeline.testing.PrefixedKeys;
import io.fxpipeline.testing.RealServers;
import io.fxpipeline.testing.ServerAddress;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/**
 * Points the dashboard at the real Redis of the test harness with a fresh channel/key prefix for this run (the
 * dashboard has no database, so the harness's per-run database is not needed). The prefix is config {@code fx.prefix};
 * its keys are deleted when the run ends.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    @Override
    public Map<String, String> start() {
        ServerAddress redis = RealServers.redis();
        return Map.of(
                "quarkus.redis.hosts", "redis://" + redis.host() + ":" + redis.port(),
                "fx.prefix", prefix);
    }

    /** The run's keys go with it (the tests write cache keys without a TTL, and the alerts stream has none). */
    @Override
    public void stop() {
        PrefixedKeys.delete(RealServers.redis(), prefix);
    }
}
