package io.fxpipeline.deploy;

import io.fxpipeline.testing.ServerAddress;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.ResponseType;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard benchmark's baseline: the simplest relay on the same Vert.x and Netty. One Redis subscription, and
 * every message written as it comes to every WebSocket (a socket write each), with no queue, filter, snapshot or
 * metering: what a fan-out costs on this machine before the service adds anything.
 */
final class BareRelay implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final RedisConnection subscriber;

    BareRelay(ServerAddress redis, List<String> channels) throws Exception {
        server = vertx.createHttpServer().webSocketHandler(ws -> {
            sockets.add(ws);
            ws.closeHandler(v -> sockets.remove(ws));
            ws.textMessageHandler(ignored -> { });
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        subscriber = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://" + redis.host() + ":"
                + redis.port())).connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        subscriber.handler(push -> {
            if (push.type() == ResponseType.PUSH || push.type() == ResponseType.MULTI) {
                if ("message".equals(push.get(0).toString())) {
                    String payload = push.get(2).toString();
                    for (ServerWebSocket ws : sockets) {
                        ws.writeTextMessage(payload);
                    }
                }
            }
        });
        Request subscribe = Request.cmd(Command.SUBSCRIBE);
        channels.forEach(subscribe::arg);
        subscriber.send(subscribe).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
