package io.fxpipeline.model.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast readers give what Jackson's own give, value for value, and leave every other form to them. */
class ContractScalarsTest {

    private final ObjectMapper fast = JsonMapper.builder().addModule(new JavaTimeModule())
            .addModule(ContractScalars.module()).build();
    private final ObjectMapper jackson = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-15T19:00:00Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-11-15T19:42:09.871234567Z", "2024-11-15T20:00:00+01:00"})
    void timesReadAsJacksonReadsThem(String text) throws Exception {
        Instant expected = jackson.readValue(quoted(text), Instant.class);
        assertThat(fast.readValue(quoted(text), Instant.class)).isEqualTo(expected);
    }

    @Test
    void everySecondOfRandomDatesReadsAsJacksonReadsIt() throws Exception {
        Random random = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L));
            assertThat(fast.readValue(quoted(t.toString()), Instant.class)).isEqualTo(t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-11-15T24:00:00Z", "2024-11-15T19:60:00Z",
            "2024-11-15T23:59:60Z", "2024-11-15 19:00:00Z", "yesterday", "2024-11-15T19:00:0xZ", "-024-11-15T19:00:00Z"})
    void whatIsNotAUtcSecondIsLeftToJacksonWithTheSameOutcome(String text) throws Exception {
        assertThat(ContractScalars.UtcSeconds.parse(text.toCharArray(), 0, text.length())).isNull();
        assertSameOutcome(text, Instant.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.05350", "154.250", "0.000001", "10000000", "007.5", "1e5", "-1.2", "+3", " 1.5 ", "1.0E-7"})
    void decimalsReadAsJacksonReadsThemScaleIncluded(String text) throws Exception {
        BigDecimal expected = jackson.readValue(quoted(text), BigDecimal.class);
        BigDecimal read = fast.readValue(quoted(text), BigDecimal.class);
        assertThat(read).isEqualTo(expected);
        assertThat(read.scale()).isEqualTo(expected.scale());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", ".5", "5.", "NaN", "abc", "1,5", ""})
    void whatIsNotAPlainDecimalIsLeftToJacksonWithTheSameOutcome(String text) throws Exception {
        assertThat(ContractScalars.PlainDecimal.plain(text.toCharArray(), 0, text.length())).isFalse();
        assertSameOutcome(text, BigDecimal.class);
    }

    /** The same value, or the same exception with the same message. */
    private void assertSameOutcome(String text, Class<?> type) throws Exception {
        Object expected;
        try {
            expected = jackson.readValue(quoted(text), type);
        } catch (Exception e) {
            assertThatThrownBy(() -> fast.readValue(quoted(text), type)).isInstanceOf(e.getClass())
                    .hasMessage(e.getMessage());
            return;
        }
        assertThat(fast.readValue(quoted(text), type)).isEqualTo(expected);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
