package io.fxpipeline.dashboard.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fxpipeline.dashboard.StreamChannel;
import io.fxpipeline.model.Pair;

import java.time.Instant;
import java.util.Collection;

/**
 * The stream's own frames, told apart from channel messages by {@code op} (channel messages carry {@code type}):
 * {@code subscribed}, {@code unsubscribed}, {@code pong}, {@code error}.
 */
public final class ControlFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlFrames() {
    }

    public static String subscribed(Collection<StreamChannel> channels, Collection<Pair> pairs) {
        ObjectNode node = op("subscribed");
        names(node.putArray("channels"), channels);
        ArrayNode p = node.putArray("pairs");
        pairs.stream().sorted().forEach(pair -> p.add(pair.name()));
        return node.toString();
    }

    public static String unsubscribed(Collection<StreamChannel> remaining) {
        ObjectNode node = op("unsubscribed");
        names(node.putArray("channels"), remaining);
        return node.toString();
    }

    public static String pong(Instant now) {
        return op("pong").put("ts", now.toString()).toString();
    }

    public static String error(BadFrameReason reason, String message) {
        return op("error").put("error", reason.wireName()).put("message", message).toString();
    }

    private static ObjectNode op(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    private static void names(ArrayNode array, Collection<StreamChannel> channels) {
        channels.stream().sorted().forEach(c -> array.add(c.wireName()));
    }
}
