package io.fxpipeline.testing;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.concurrent.TimeUnit;

/** One command on the tests' Redis as its default user, outside the application under test (and its rights). */
public final class AdminRedis {

    private AdminRedis() {
    }

    public static Response send(Command command, String... args) {
        ServerAddress redis = RealServers.redis();
        Vertx vertx = Vertx.vertx();
        try {
            Request request = Request.cmd(command);
            for (String arg : args) {
                request.arg(arg);
            }
            return Redis.createClient(vertx, new RedisOptions().setConnectionString(url()))
                    .send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(command + " on " + redis.host() + ":" + redis.port() + " failed: " + e, e);
        } finally {
            vertx.close();
        }
    }

    /** The connection string of the tests' Redis, default user. */
    public static String url() {
        ServerAddress redis = RealServers.redis();
        return "redis://" + redis.host() + ":" + redis.port();
    }
}
