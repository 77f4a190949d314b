package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.model.message.Candle;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackedCandlesTest {

    static Candle candle(String time, String o, String h, String l, String c, Long volume) {
        return new Candle(Instant.parse(time), new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c),
                volume);
    }

    @Test
    void packedCandlesReadBackEqualToTheLastDigitAndScale() {
        List<Candle> candles = List.of(
                candle("2024-11-15T19:00:00Z", "1.05350", "1.05437", "1.05318", "1.05350", 2987L),
                candle("2024-11-15T20:00:00Z", "154.210", "154.5", "153.987", "154.2", 0L),
                candle("2024-11-15T21:00:00Z", "1234567.12345678901", "1234567.12345678901", "1234567.12345678901",
                        "1234567.12345678901", 7L));
        List<Candle> packed = PackedCandles.of(candles);

        assertThat(packed).isInstanceOf(PackedCandles.class).containsExactlyElementsOf(candles);
        assertThat(packed.get(0).close().toPlainString()).isEqualTo("1.05350");
        assertThat(packed.get(1).high().scale()).isEqualTo(1);
        assertThat(packed.get(1).volume()).isZero();
        assertThat(packed.subList(1, 3)).containsExactlyElementsOf(candles.subList(1, 3));
        assertThat(PackedCandles.timeAt(packed, 2)).isEqualTo(Instant.parse("2024-11-15T21:00:00Z"));
        assertThatThrownBy(() -> packed.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void whatDoesNotFitStaysAsItIs() {
        List<Candle> fractionalSecond = List.of(candle("2024-11-15T19:00:00.5Z", "1.1", "1.2", "1.0", "1.1", 1L));
        assertThat(PackedCandles.of(fractionalSecond)).isNotInstanceOf(PackedCandles.class)
                .containsExactlyElementsOf(fractionalSecond);
        assertThat(PackedCandles.timeAt(fractionalSecond, 0)).isEqualTo(Instant.parse("2024-11-15T19:00:00.5Z"));
    }
}
