package io.fxpipeline.dashboard.relay;

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
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.model.message.VolatilityAlert;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which stream channel a Redis payload belongs to and which pairs it concerns, validating it with the
 * contract's codec so that nothing malformed reaches a browser. The payload itself is passed on untouched. One for
 * the service: the relay's live messages and the snapshot's alerts are checked alike.
 */
@ApplicationScoped
public class MessageClassifier {

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
        if (message instanceof SystemAlert s) {
            return Optional.of(new StreamMessage(StreamChannel.SYSTEM, subjectPair(s.subject()), payload));
        }
        throw new MalformedMessageException("type", "'" + message.type() + "' is not streamed");
    }

    /**
     * The pair a system alert is about, for the pair filter: its subject when that is a pair ({@code pair_stale}) or a
     * pair's series ({@code NZD_JPY/H1} of a catch-up hole); none for a job or a token (such an alert concerns all).
     */
    static List<Pair> subjectPair(String subject) {
        String name = subject.contains("/") ? subject.substring(0, subject.indexOf('/')) : subject;
        try {
            return List.of(Pair.of(name));
        } catch (IllegalArgumentException notAPair) {
            return List.of();
        }
    }
}
