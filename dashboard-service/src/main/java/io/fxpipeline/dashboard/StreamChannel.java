package io.fxpipeline.dashboard;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.CorrelationAlert;
import io.fxpipeline.model.message.CorrelationReady;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.PriceUpdate;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.model.message.VolatilityAlert;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * A channel a stream client subscribes to by name, and where it comes from: a Redis channel of the contract and,
 * for {@code data_ready}, the message type that picks it out.
 */
public enum StreamChannel {

    CANDLES("candles", Channels::dataReady, CandlesReady.TYPE),
    METRICS("metrics", Channels::dataReady, MetricsReady.TYPE),
    CORRELATION("correlation", Channels::dataReady, CorrelationReady.TYPE),
    PRICES("prices", Channels::priceUpdates, PriceUpdate.TYPE),
    VOLATILITY_ALERTS("volatility_alerts", Channels::volatilityAlerts, VolatilityAlert.TYPE),
    CORRELATION_ALERTS("correlation_alerts", Channels::correlationAlerts, CorrelationAlert.TYPE),
    SYSTEM("system", Channels::systemAlerts, SystemAlert.TYPE);

    private final String wireName;
    private final Function<Channels, String> redisChannel;
    private final String messageType;

    StreamChannel(String wireName, Function<Channels, String> redisChannel, String messageType) {
        this.wireName = wireName;
        this.redisChannel = redisChannel;
        this.messageType = messageType;
    }

    /** The name clients use in {@code subscribe}. */
    public String wireName() {
        return wireName;
    }

    /** The Redis channel it is read from, with the installation's prefix. */
    public String redisChannel(Channels channels) {
        return redisChannel.apply(channels);
    }

    /** The contract's {@code type} of its messages. */
    public String messageType() {
        return messageType;
    }

    public static Optional<StreamChannel> byWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}
