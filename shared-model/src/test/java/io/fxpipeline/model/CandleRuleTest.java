package io.fxpipeline.model;

import io.fxpipeline.model.codec.MalformedMessageException;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandleRuleTest {

    private static final Instant NOW = Instant.parse("2024-03-04T12:30:00Z");

    @ParameterizedTest(name = "{0} {1} {2} {3} at {4} → {5}")
    @CsvSource({
            "1.0850, 1.0860, 1.0840, 1.0855, 2024-03-04T11:00:00Z, ",
            "150.123, 150.5, 149.9, 150.2, 2024-03-04T10:00:00Z, ",
            "16250.5, 16300, 16200, 16280, 2024-03-04T10:00:00Z, ",
            "-1, 1.1, 0.9, 1.0, 2024-03-04T10:00:00Z, NON_POSITIVE",
            "1, 1e400, 0.9, 1.0, 2024-03-04T10:00:00Z, OUT_OF_RANGE",
            "1, 12345678901234567890123456789012345678901234, 0.9, 1.0, 2024-03-04T10:00:00Z, OUT_OF_RANGE",
            "1, 1.1, 0.0000000001, 1.0, 2024-03-04T10:00:00Z, OUT_OF_RANGE",
            "1.0000000000000000000000001, 1.1, 0.9, 1.0, 2024-03-04T10:00:00Z, TOO_MANY_DIGITS",
            "1, 0.99, 0.9, 1.0, 2024-03-04T10:00:00Z, HIGH_BELOW_MAX",
            "1, 1.1, 1.05, 1.0, 2024-03-04T10:00:00Z, LOW_ABOVE_MIN",
            "1, 1.1, 0.9, 1.0, 2024-03-04T10:30:00Z, MISALIGNED",
            "1, 1.1, 0.9, 1.0, 2999-01-01T00:00:00Z, FUTURE",
            // closes 12:00, now 12:30: complete; the bar opening at 12:00 closes 13:00, beyond the 2-minute skew
            "1, 1.1, 0.9, 1.0, 2024-03-04T12:00:00Z, FUTURE",
    })
    void judgesEachPartOfTheRule(String o, String h, String l, String c, Instant time, CandleRule.Reason expected) {
        var violation = CandleRule.prices(new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c))
                .or(() -> CandleRule.timing(Granularity.H1, time, NOW));
        assertThat(violation.map(CandleRule.Violation::reason).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1e400", "12345678901234567890123456789012345678901234", "1.0000000000000000000000001"})
    void theCodecRefusesAbsurdPrices(String close) {
        String json = "{\"v\":1,\"type\":\"candles\",\"ts\":\"2024-03-04T12:00:05Z\",\"pair\":\"EUR_USD\",\"granularity\":\"H1\","
                + "\"seq\":1,\"candles\":[{\"time\":\"2024-03-04T11:00:00Z\",\"o\":\"1\",\"h\":\"" + close + "\",\"l\":\"0.9\","
                + "\"c\":\"" + close + "\",\"volume\":1}],\"count\":1}";
        assertThatThrownBy(() -> new MessageCodec().decode(json)).isInstanceOf(MalformedMessageException.class)
                .satisfies(e -> assertThat(((MalformedMessageException) e).field()).isEqualTo("candles[0].h"));
    }

    @ParameterizedTest
    @CsvSource({"1e400", "-1e400", "NaN"})
    void theCodecRefusesNonFiniteMetrics(String value) {
        String json = "{\"v\":1,\"type\":\"volatility_alert\",\"ts\":\"2024-03-04T12:00:05Z\",\"pair\":\"EUR_USD\","
                + "\"granularity\":\"H1\",\"volatility\":" + value + ",\"threshold\":0.15,\"severity\":\"CRITICAL\","
                + "\"time\":\"2024-03-04T11:00:00Z\"}";
        assertThatThrownBy(() -> new MessageCodec().decode(json)).isInstanceOf(MalformedMessageException.class);
    }

    @ParameterizedTest
    @CsvSource({"1e400", "12345678901234567890123456789012345678901234"})
    void aCandleCannotBeBuiltWithAbsurdPrices(String price) {
        BigDecimal p = new BigDecimal(price);
        assertThatThrownBy(() -> new Candle(Instant.parse("2024-03-04T11:00:00Z"), p, p, p, p, 1L))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("outside");
    }
}
