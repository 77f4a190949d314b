package io.fxpipeline.dashboard.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fxpipeline.dashboard.StreamChannel;
import io.fxpipeline.model.Pair;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a client's text frame into a {@link ClientOp}; anything else becomes a {@link ClientOp.BadFrame} naming why. */
public final class OpParser {

    /** Largest frame a client may send (issue 13: 16 KiB); ops are a few hundred bytes. */
    public static final int MAX_FRAME_BYTES = 16 * 1024;

    private static final String CHANNEL_NAMES = Arrays.stream(StreamChannel.values()).map(StreamChannel::wireName)
            .collect(Collectors.joining(", "));

    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build()).build()).build();
    private final Set<Pair> trackedPairs;

    public OpParser(Collection<Pair> trackedPairs) {
        this.trackedPairs = Set.copyOf(trackedPairs);
    }

    public ClientOp parse(String frame) {
        int bytes = frame.length() > MAX_FRAME_BYTES / 4 ? frame.getBytes(StandardCharsets.UTF_8).length : frame.length();
        if (bytes > MAX_FRAME_BYTES) {
            return bad(BadFrameReason.OVERSIZED, "frame of " + bytes + " bytes exceeds the limit of " + MAX_FRAME_BYTES);
        }
        JsonNode root;
        try {
            root = mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            return bad(BadFrameReason.NOT_JSON, "not valid JSON: " + abbreviate(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return bad(BadFrameReason.NOT_JSON, "expected a JSON object such as {\"op\":\"ping\"}");
        }
        JsonNode op = root.get("op");
        if (op == null || !op.isTextual()) {
            return bad(BadFrameReason.UNKNOWN_OP, "field 'op' is missing or not a string (subscribe, unsubscribe, ping)");
        }
        try {
            return switch (op.asText()) {
                case "subscribe" -> new ClientOp.Subscribe(channels(root, true), pairs(root));
                case "unsubscribe" -> new ClientOp.Unsubscribe(channels(root, false));
                case "ping" -> new ClientOp.Ping();
                default -> bad(BadFrameReason.UNKNOWN_OP, "unknown op '" + abbreviate(op.asText())
                        + "' (subscribe, unsubscribe, ping)");
            };
        } catch (Refused refused) {
            return refused.frame;
        }
    }

    private Set<StreamChannel> channels(JsonNode root, boolean required) {
        Set<StreamChannel> channels = EnumSet.noneOf(StreamChannel.class);
        for (String name : strings(root, "channels")) {
            channels.add(StreamChannel.byWireName(name).orElseThrow(() -> new Refused(bad(
                    BadFrameReason.UNKNOWN_CHANNEL, "unknown channel '" + abbreviate(name) + "' (" + CHANNEL_NAMES + ")"))));
        }
        if (required && channels.isEmpty()) {
            throw new Refused(bad(BadFrameReason.BAD_FIELD, "'channels' must name at least one of " + CHANNEL_NAMES));
        }
        return channels;
    }

    private Set<Pair> pairs(JsonNode root) {
        Set<Pair> pairs = new LinkedHashSet<>();
        for (String name : strings(root, "pairs")) {
            Pair pair;
            try {
                pair = Pair.of(name);
            } catch (IllegalArgumentException e) {
                throw new Refused(bad(BadFrameReason.UNKNOWN_PAIR, e.getMessage()));
            }
            if (!trackedPairs.contains(pair)) {
                throw new Refused(bad(BadFrameReason.UNKNOWN_PAIR, "pair " + pair + " is not tracked"));
            }
            pairs.add(pair);
        }
        return Set.copyOf(pairs);
    }

    private static java.util.List<String> strings(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return java.util.List.of();
        }
        if (!node.isArray()) {
            throw new Refused(bad(BadFrameReason.BAD_FIELD, "'" + field + "' must be an array of strings"));
        }
        java.util.List<String> values = new java.util.ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new Refused(bad(BadFrameReason.BAD_FIELD, "'" + field + "' must be an array of strings"));
            }
            values.add(item.asText());
        }
        return values;
    }

    private static ClientOp.BadFrame bad(BadFrameReason reason, String message) {
        return new ClientOp.BadFrame(reason, message);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    /** Carries a refusal out of the field readers. */
    private static final class Refused extends RuntimeException {
        private final ClientOp.BadFrame frame;

        Refused(ClientOp.BadFrame frame) {
            super(frame.message(), null, false, false);
            this.frame = frame;
        }
    }
}
