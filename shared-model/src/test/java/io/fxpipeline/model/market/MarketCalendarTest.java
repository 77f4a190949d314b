package io.fxpipeline.model.market;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MarketCalendarTest {

    @ParameterizedTest
    @CsvSource({
            // 2025-01-10 is a Friday
            "2025-01-10T21:59:59Z, true",
            "2025-01-10T22:00:00Z, false",
            "2025-01-11T12:00:00Z, false",
            "2025-01-12T21:59:59Z, false",
            "2025-01-12T22:00:00Z, true",
            "2025-01-13T00:00:00Z, true",
            "2025-01-15T03:00:00Z, true"})
    void openFromSundayToFridayAt22Utc(String time, boolean open) {
        assertThat(MarketCalendar.FX.isOpen(Instant.parse(time))).isEqualTo(open);
    }

    @ParameterizedTest
    @CsvSource({
            // within a trading day
            "2025-01-14T10:00:00Z, 2025-01-14T13:00:00Z, 180",
            // Friday 21:00 to Sunday 23:00: one hour before the close, one after the reopening
            "2025-01-10T21:00:00Z, 2025-01-12T23:00:00Z, 120",
            // the newest close of a week (Friday 22:00) to the Saturday and Sunday midnights: no market time
            "2025-01-10T22:00:00Z, 2025-01-11T00:00:00Z, 0",
            "2025-01-10T22:00:00Z, 2025-01-12T00:00:00Z, 0",
            // the Friday close to Monday midnight: the two Sunday-evening hours
            "2025-01-10T22:00:00Z, 2025-01-13T00:00:00Z, 120",
            // two whole weeks: 2 x 120 trading hours
            "2025-01-06T00:00:00Z, 2025-01-20T00:00:00Z, 14400",
            // reversed or empty
            "2025-01-14T13:00:00Z, 2025-01-14T10:00:00Z, 0",
            "2025-01-11T01:00:00Z, 2025-01-11T05:00:00Z, 0"})
    void openTimeBetweenSkipsWeekends(String from, String to, long minutes) {
        assertThat(MarketCalendar.FX.openBetween(Instant.parse(from), Instant.parse(to)))
                .isEqualTo(Duration.ofMinutes(minutes));
    }
}
