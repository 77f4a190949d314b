package io.fxpipeline.dashboard.relay;

import io.fxpipeline.dashboard.Messages;
import io.fxpipeline.dashboard.StreamChannel;
import io.fxpipeline.dashboard.StreamMessage;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.SystemAlert;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageClassifierTest {

    private static final Set<StreamChannel> DATA_READY = EnumSet.of(StreamChannel.CANDLES, StreamChannel.METRICS,
            StreamChannel.CORRELATION);
    private final MessageClassifier classifier = new MessageClassifier(Messages.CODEC);

    @Test
    void namesChannelAndPairsAndKeepsThePayloadUntouched() {
        String metrics = Messages.metrics("EUR_USD", 1.0852);
        assertThat(classifier.classify(DATA_READY, metrics))
                .contains(new StreamMessage(StreamChannel.METRICS, List.of(Pair.of("EUR_USD")), metrics));
        String alert = Messages.correlationAlert("AUD_USD", "NZD_USD", 0.91);
        StreamMessage m = classifier.classify(Set.of(StreamChannel.CORRELATION_ALERTS), alert).orElseThrow();
        assertThat(m.pairs()).containsExactly(Pair.of("AUD_USD"), Pair.of("NZD_USD"));
        assertThat(m.concernsAny(Set.of(Pair.of("NZD_USD")))).isTrue();
        assertThat(m.concernsAny(Set.of(Pair.of("EUR_USD")))).isFalse();
        assertThat(m.json()).isSameAs(alert);
    }

    @Test
    void aReplayAnswerIsForItsRequesterOnly() {
        String replay = Messages.CODEC.encode(CandlesReady.replay(Instant.now(), Pair.of("EUR_USD"), Granularity.H1, 4,
                "analytics", false, List.of(new Candle(Instant.parse("2025-01-20T10:00:00Z"), new BigDecimal("1.1"),
                        new BigDecimal("1.2"), new BigDecimal("1.0"), new BigDecimal("1.1"), 5L))));
        assertThat(classifier.classify(DATA_READY, replay)).isEmpty();
    }

    @Test
    void refusesWhatBreaksTheContractOrSitsOnTheWrongChannel() {
        assertThatThrownBy(() -> classifier.classify(DATA_READY, "{\"v\":1,\"type\":\"metrics\",\"pair\":\"EUR_USD\"}"))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> classifier.classify(Set.of(StreamChannel.VOLATILITY_ALERTS),
                Messages.price("EUR_USD", "1.1", "1.2"))).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("does not belong on this channel");
        assertThatThrownBy(() -> classifier.classify(Set.of(StreamChannel.SYSTEM), "[1]"))
                .isInstanceOf(MalformedMessageException.class);
        // system alerts are the contract's too: any other object on system_alerts is refused
        assertThatThrownBy(() -> classifier.classify(Set.of(StreamChannel.SYSTEM), "{\"v\":1,\"type\":\"job_failed\"}"))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> classifier.classify(Set.of(StreamChannel.SYSTEM), Messages.volatilityAlert("EUR_USD", 0.2)))
                .hasMessageContaining("does not belong on this channel");
    }

    @Test
    void systemAlertsAreFilteredByThePairTheirSubjectNames() {
        String stale = Messages.systemAlert(SystemAlert.Kind.PAIR_STALE, "GBP_JPY", "newest candle closed 180 min ago");
        StreamMessage m = classifier.classify(Set.of(StreamChannel.SYSTEM), stale).orElseThrow();
        assertThat(m.channel()).isEqualTo(StreamChannel.SYSTEM);
        assertThat(m.pairs()).containsExactly(Pair.of("GBP_JPY"));
        assertThat(m.json()).isSameAs(stale);
        assertThat(classifier.classify(Set.of(StreamChannel.SYSTEM), Messages.systemAlert(SystemAlert.Kind.CATCHUP_HOLE_OPEN,
                "NZD_JPY/H1", "open since 10:00")).orElseThrow().pairs()).containsExactly(Pair.of("NZD_JPY"));
        assertThat(classifier.classify(Set.of(StreamChannel.SYSTEM), Messages.systemAlert(SystemAlert.Kind.JOB_FAILED,
                "hourly-candles", "OANDA answered 503")).orElseThrow().pairs()).isEmpty();
        assertThat(classifier.classify(Set.of(StreamChannel.SYSTEM), Messages.systemAlert(SystemAlert.Kind.TOKEN_REJECTED,
                "OANDA_API_KEY", null)).orElseThrow().pairs()).isEmpty();
    }
}
