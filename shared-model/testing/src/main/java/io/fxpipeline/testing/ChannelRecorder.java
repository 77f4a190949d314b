package io.fxpipeline.testing;

import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Message;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What {@code redis-cli subscribe} would show: a real subscription on its own connection that records every
 * message of the given channels, for tests to assert on with Awaitility.
 */
public final class ChannelRecorder implements AutoCloseable {

    /** One received message. */
    public record Received(String channel, String payload) {
    }

    private static final MessageCodec CODEC = new MessageCodec();

    private final Vertx vertx;
    private final RedisConnection connection;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private ChannelRecorder(Vertx vertx, RedisConnection connection) {
        this.vertx = vertx;
        this.connection = connection;
    }

    public static ChannelRecorder subscribe(String redisUrl, String... channels) {
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnection connection = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl))
                    .connect().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            ChannelRecorder recorder = new ChannelRecorder(vertx, connection);
            connection.handler(recorder::onPush);
            Request subscribe = Request.cmd(Command.SUBSCRIBE);
            for (String channel : channels) {
                subscribe.arg(channel);
            }
            connection.send(subscribe).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            return recorder;
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot subscribe to " + String.join(",", channels) + ": " + e, e);
        }
    }

    private void onPush(Response push) {
        if (push.type() == ResponseType.PUSH && push.size() == 3 && "message".equals(push.get(0).toString())) {
            received.add(new Received(push.get(1).toString(), push.get(2).toString()));
        }
    }

    public List<Received> messages() {
        return new ArrayList<>(received);
    }

    public List<String> payloads(String channel) {
        return received.stream().filter(r -> r.channel().equals(channel)).map(Received::payload).toList();
    }

    /** The messages received on {@code channel}, decoded as the wire contract's {@code type}, oldest first. */
    public <T extends Message> List<T> decoded(String channel, Class<T> type) {
        return payloads(channel).stream().map(json -> CODEC.decode(json, type)).toList();
    }

    @Override
    public void close() {
        connection.close();
        vertx.close();
    }
}
