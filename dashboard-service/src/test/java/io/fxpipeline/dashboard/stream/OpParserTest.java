package io.fxpipeline.dashboard.stream;

import io.fxpipeline.dashboard.StreamChannel;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpParserTest {

    private final OpParser parser = new OpParser(TrackedPairs.DEFAULT);

    @Test
    void readsTheThreeOps() {
        assertThat(parser.parse("{\"op\":\"subscribe\",\"channels\":[\"metrics\",\"system\"],\"pairs\":[\"EUR_USD\"]}"))
                .isEqualTo(new ClientOp.Subscribe(Set.of(StreamChannel.METRICS, StreamChannel.SYSTEM),
                        Set.of(Pair.of("EUR_USD"))));
        assertThat(parser.parse("{\"op\":\"subscribe\",\"channels\":[\"prices\"]}"))
                .isEqualTo(new ClientOp.Subscribe(Set.of(StreamChannel.PRICES), Set.of()));
        assertThat(parser.parse("{\"op\":\"unsubscribe\"}")).isEqualTo(new ClientOp.Unsubscribe(Set.of()));
        assertThat(parser.parse("{\"op\":\"ping\",\"extra\":1}")).isEqualTo(new ClientOp.Ping());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``                                                    | NOT_JSON        | expected a JSON object",
            "[1,2]                                                 | NOT_JSON        | expected a JSON object",
            "{\"op\":7}                                            | UNKNOWN_OP      | 'op' is missing or not a string",
            "{\"op\":\"subscribe\"}                                | BAD_FIELD       | 'channels' must name at least one",
            "{\"op\":\"subscribe\",\"channels\":\"metrics\"}       | BAD_FIELD       | must be an array of strings",
            "{\"op\":\"subscribe\",\"channels\":[\"ticks\"]}       | UNKNOWN_CHANNEL | unknown channel 'ticks'",
            "{\"op\":\"subscribe\",\"channels\":[\"metrics\"],\"pairs\":[\"eurusd\"]} | UNKNOWN_PAIR | not an instrument name",
            "{\"op\":\"subscribe\",\"channels\":[\"metrics\"],\"pairs\":[\"USD_SEK\"]} | UNKNOWN_PAIR | USD_SEK is not tracked",
    })
    void refusesWithTheReason(String frame, BadFrameReason reason, String message) {
        ClientOp op = parser.parse(frame);
        assertThat(op).isInstanceOf(ClientOp.BadFrame.class);
        assertThat(((ClientOp.BadFrame) op).reason()).isEqualTo(reason);
        assertThat(((ClientOp.BadFrame) op).message()).contains(message);
    }

    @Test
    void refusesFramesOver16KiBCountingBytesNotCharacters() {
        String euros = "€".repeat(6000); // 18,000 bytes in UTF-8
        ClientOp op = parser.parse("{\"op\":\"ping\",\"pad\":\"" + euros + "\"}");
        assertThat(op).isInstanceOf(ClientOp.BadFrame.class);
        assertThat(((ClientOp.BadFrame) op).reason()).isEqualTo(BadFrameReason.OVERSIZED);
        assertThat(parser.parse("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(16_000) + "\"}")).isEqualTo(new ClientOp.Ping());
    }
}
