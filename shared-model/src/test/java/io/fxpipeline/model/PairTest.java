package io.fxpipeline.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PairTest {

    @ParameterizedTest
    @ValueSource(strings = {"EURUSD", "eur_usd", "EUR_US", "EUR-USD", "EUR_USD_", "USD_USD", " ", "EUR_USDX"})
    void badNamesAreRejectedWithAMessage(String name) {
        assertThatThrownBy(() -> Pair.of(name)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pair");
    }

    @Test
    void partsAndDefaults() {
        Pair pair = Pair.of("GBP_JPY");
        assertThat(pair.base()).isEqualTo("GBP");
        assertThat(pair.quote()).isEqualTo("JPY");
        assertThat(TrackedPairs.DEFAULT).hasSize(20).doesNotHaveDuplicates();
        assertThat(TrackedPairs.parse(TrackedPairs.DEFAULT_LIST)).isEqualTo(TrackedPairs.DEFAULT);
        assertThatThrownBy(() -> TrackedPairs.parse("EUR_USD,EUR_USD")).hasMessageContaining("twice");
        assertThatThrownBy(() -> Granularity.parse("H7")).hasMessageContaining("H1");
        assertThat(Granularity.H1.isAligned(java.time.Instant.parse("2024-01-01T10:00:00Z"))).isTrue();
        assertThat(Granularity.H1.isAligned(java.time.Instant.parse("2024-01-01T10:30:00Z"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "H4", "H12", "D", "W", "M"})
    void coarseBarsMustOpenOnAWholeUtcHour(String name) {
        Granularity g = Granularity.parse(name);
        assertThat(g.isAligned(java.time.Instant.parse("2024-11-14T22:00:00Z"))).isTrue(); // 17:00 New York, winter
        assertThat(g.isAligned(java.time.Instant.parse("2024-07-11T21:00:00Z"))).isTrue(); // 17:00 New York, summer
        assertThat(g.isAligned(java.time.Instant.parse("2024-11-14T22:30:00Z"))).isFalse();
        assertThat(g.isAligned(java.time.Instant.parse("2024-11-14T22:00:01Z"))).isFalse();
        assertThat(g.isAligned(java.time.Instant.parse("2024-11-14T22:00:00.5Z"))).isFalse();
    }
}
