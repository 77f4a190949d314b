package io.fxpipeline.dashboard.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fxpipeline.dashboard.StreamChannel;
import io.fxpipeline.dashboard.StreamMessage;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.CorrelationAlert;
import io.fxpipeline.model.message.CorrelationReady;
import io.fxpipeline.model.message.Message;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.PriceUpdate;
import io.fxpipeline.model.message.VolatilityAlert;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which stream channel a Redis payload belongs to and which pairs it concerns, validating it with the
 * contract's codec so that nothing malformed reaches a browser. The payload itself is passed on untouched.
 */
public final class MessageClassifier {

    /** The largest system message forwarded; contract messages are bounded by the codec's own limit. */
    static final int MAX_SYSTEM_BYTES = 64 * 1024;

    private final MessageCodec codec;

    public MessageClassifier(MessageCodec codec) {
        this.codec = codec;
    }

    /**
     * The stream message of a payload read from a Redis channel that carries the stream channels {@code carried};
     * empty for a message the stream does not forward (a replay answer addressed to one consumer).
     *
     * @throws MalformedMessageException when the payload breaks the contract or does not belong on that channel
     */
    public Optional<StreamMessage> classify(Set<StreamChannel> carried, String payload) {
        if (carried.contains(StreamChannel.SYSTEM)) {
            return Optional.of(new StreamMessage(StreamChannel.SYSTEM, systemPairs(payload), payload));
        }
        Optional<StreamMessage> classified = classify(codec.decode(payload), payload);
        if (classified.isPresent() && !carried.contains(classified.get().channel())) {
            throw new MalformedMessageException("type", "'" + classified.get().channel().messageType()
                    + "' does not belong on this channel");
        }
        return classified;
    }

    private static Optional<StreamMessage> classify(Message message, String payload) {
        if (message instanceof CandlesReady c) {
            return c.isReplay() ? Optional.empty()
                    : Optional.of(new StreamMessage(StreamChannel.CANDLES, List.of(c.pair()), payload));
        }
        if (message instanceof MetricsReady m) {
            return Optional.of(new StreamMessage(StreamChannel.METRICS, List.of(m.pair()), payload));
        }
        if (message instanceof CorrelationReady) {
            return Optional.of(new StreamMessage(StreamChannel.CORRELATION, List.of(), payload));
        }
        if (message instanceof PriceUpdate p) {
            return Optional.of(new StreamMessage(StreamChannel.PRICES, List.of(p.pair()), payload));
        }
        if (message instanceof VolatilityAlert a) {
            return Optional.of(new StreamMessage(StreamChannel.VOLATILITY_ALERTS, List.of(a.pair()), payload));
        }
        if (message instanceof CorrelationAlert a) {
            return Optional.of(new StreamMessage(StreamChannel.CORRELATION_ALERTS, List.of(a.pairA(), a.pairB()),
                    payload));
        }
        throw new MalformedMessageException("type", "'" + message.type() + "' is not streamed");
    }

    /** A system message must be a JSON object; its {@code pair}, when it names one, feeds the pair filter. */
    private List<Pair> systemPairs(String payload) {
        if (payload.length() > MAX_SYSTEM_BYTES) {
            throw new MalformedMessageException("$", "payload of " + payload.length() + " characters exceeds "
                    + MAX_SYSTEM_BYTES);
        }
        JsonNode root;
        try {
            root = codec.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("$", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedMessageException("$", "not a JSON object");
        }
        JsonNode pair = root.get("pair");
        if (pair != null && pair.isTextual()) {
            try {
                return List.of(Pair.of(pair.asText()));
            } catch (IllegalArgumentException notAPair) {
                return List.of();
            }
        }
        return List.of();
    }
}
