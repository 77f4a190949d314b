package io.fxpipeline.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Points a {@code @QuarkusTest} application at real PostgreSQL and Redis with a fresh database and a fresh
 * channel/key prefix for this run. Use with {@code @QuarkusTestResource(FxTestResource.class)}; the prefix is
 * available to tests as config property {@code fx.prefix}. Both go when the run ends.
 */
public class FxTestResource implements QuarkusTestResourceLifecycleManager {

    private TestDatabase database;
    private ServerAddress redis;
    private String prefix;

    @Override
    public Map<String, String> start() {
        database = TestDatabase.create("run");
        redis = RealServers.redis();
        prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.server().user());
        config.put("quarkus.datasource.password", database.server().password());
        config.put("quarkus.redis.hosts", "redis://" + redis.host() + ":" + redis.port());
        config.put("fx.prefix", prefix);
        config.put("fx-test.database", database.name());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        if (prefix != null) {
            PrefixedKeys.delete(redis, prefix);
        }
    }
}
