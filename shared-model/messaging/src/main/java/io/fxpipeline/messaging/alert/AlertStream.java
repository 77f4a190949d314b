package io.fxpipeline.messaging.alert;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.message.Message;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The capped Redis Stream {@code alerts}: every alert published on pub/sub is also appended here (entry fields
 * {@code type} and {@code message}, the same JSON as on the channel), so a client that was away reads what it missed
 * with {@code XREAD STREAMS alerts <last-id>}. Trimmed to about {@link #MAX_LENGTH} entries ({@code MAXLEN ~}).
 */
public final class AlertStream {

    public static final long MAX_LENGTH = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final String key;

    public AlertStream(ReactiveRedisDataSource redis, Channels channels) {
        this.redis = redis;
        this.key = channels.alertStream();
    }

    /** Appends one alert; answers the entry id. */
    public Uni<String> append(Message alert, String payload) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", alert.type());
        fields.put("message", payload);
        return redis.stream(String.class, String.class, String.class)
                .xadd(key, new XAddArgs().maxlen(MAX_LENGTH).nearlyExactTrimming(), fields)
                .ifNoItem().after(TIMEOUT).fail();
    }
}
