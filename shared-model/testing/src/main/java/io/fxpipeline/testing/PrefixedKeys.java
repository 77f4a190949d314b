package io.fxpipeline.testing;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Removes what a test run left in the shared Redis under its own prefix: most keys expire, but the capped
 * {@code alerts} stream and the consumers' sequence keys have no TTL, and a run's prefix is never used again.
 */
public final class PrefixedKeys {

    private static final Logger LOG = Logger.getLogger(PrefixedKeys.class.getName());

    private PrefixedKeys() {
    }

    /** Deletes every key starting with {@code prefix}; a failure is logged, never fails the run. */
    public static int delete(ServerAddress redis, String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("a prefix is needed: an empty one would match every key");
        }
        Vertx vertx = Vertx.vertx();
        try {
            RedisAPI api = RedisAPI.api(Redis.createClient(vertx,
                    new RedisOptions().setConnectionString("redis://" + redis.host() + ":" + redis.port())));
            int deleted = 0;
            String cursor = "0";
            do {
                Response page = await(api.scan(List.of(cursor, "MATCH", glob(prefix) + "*", "COUNT", "1000")));
                cursor = page.get(0).toString();
                List<String> keys = new ArrayList<>();
                page.get(1).forEach(key -> keys.add(key.toString()));
                if (!keys.isEmpty()) {
                    deleted += await(api.send(Command.UNLINK, keys.toArray(String[]::new))).toInteger();
                }
            } while (!"0".equals(cursor));
            return deleted;
        } catch (Exception e) {
            LOG.warning("could not delete the keys under " + prefix + ": " + e);
            return 0;
        } finally {
            vertx.close();
        }
    }

    /** The prefix as a literal in a SCAN pattern. */
    static String glob(String prefix) {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    private static Response await(io.vertx.core.Future<Response> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
