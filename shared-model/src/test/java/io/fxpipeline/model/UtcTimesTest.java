package io.fxpipeline.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast reader gives what {@link Instant#parse} gives for its form, and leaves every other text to it. */
class UtcTimesTest {

    @Test
    void randomInstantsWithEveryFractionLengthReadAsInstantParseReadsThem() {
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L));
            int digits = i % 10;
            String text = t.toString();
            if (digits > 0) {
                StringBuilder fraction = new StringBuilder();
                for (int d = 0; d < digits; d++) {
                    fraction.append((char) ('0' + random.nextInt(10)));
                }
                text = text.substring(0, 19) + "." + fraction + "Z";
            }
            assertThat(UtcTimes.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-15T19:00:00.000000000Z", "2024-11-15T19:00:00Z", "2024-02-29T23:59:59.999999999Z",
            "2024-11-15T19:42:09.5Z", "1970-01-01T00:00:00.000000001Z"})
    void oandasAndTheContractsFormsAreRead(String text) {
        assertThat(UtcTimes.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-11-15T24:00:00Z", "2024-11-15T19:60:00Z",
            "2024-11-15T23:59:60Z", "2024-11-15 19:00:00Z", "2024-11-15t19:00:00z", "2024-11-15T19:00:00.Z",
            "2024-11-15T19:00:00.0000000000Z", "2024-11-15T19:00:00.00x000000Z", "2024-11-15T19:00:00,5Z",
            "2024-11-15T20:00:00+01:00", "-024-11-15T19:00:00Z", "+2024-11-15T19:00:00Z", "yesterday", "",
            "1731697200.000000000"})
    void anyOtherTextIsLeftToTheGeneralParser(String text) {
        assertThat(UtcTimes.parse(text)).isNull();
    }

    @Test
    void timesAreWrittenAsInstantWritesThem() {
        Random random = new Random(12);
        for (int i = 0; i < 50_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 300_000_000_000L),
                    i % 4 == 0 ? random.nextInt(1_000_000_000) : 0);
            assertThat(UtcTimes.format(t)).isEqualTo(t.toString());
        }
        for (String text : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "-0001-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "2024-02-29T12:34:56Z", "1970-01-01T00:00:00Z"}) {
            assertThat(UtcTimes.format(Instant.parse(text))).isEqualTo(Instant.parse(text).toString());
        }
    }

    @Test
    void theContractsReaderTakesNoFraction() {
        char[] text = "2024-11-15T19:00:00.5Z".toCharArray();
        assertThat(UtcTimes.parse(text, 0, text.length, false)).isNull();
        assertThat(UtcTimes.parse(text, 0, text.length, true)).isEqualTo(Instant.parse("2024-11-15T19:00:00.5Z"));
    }
}
