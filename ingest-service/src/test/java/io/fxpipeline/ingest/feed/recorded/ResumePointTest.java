package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResumePointTest {

    private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    private static final Pair EUR_USD = Pair.of("EUR_USD");
    private static final Pair USD_JPY = Pair.of("USD_JPY");

    private static List<Candle> hours(int n) {
        List<Candle> list = new ArrayList<>();
        BigDecimal p = BigDecimal.ONE;
        for (int i = 0; i < n; i++) {
            list.add(new Candle(T0.plusSeconds(3600L * i), p, p, p, p, 1L));
        }
        return list;
    }

    @Test
    void aRestartResumesAfterTheNewestStoredCandleNotAtTheConfiguredStart() {
        Map<Pair, List<Candle>> recorded = Map.of(EUR_USD, hours(100), USD_JPY, hours(100));
        ResumePoint resume = ResumePoint.of(T0, recorded,
                Map.of(EUR_USD, T0.plusSeconds(3600L * 63), USD_JPY, T0.plusSeconds(3600L * 60)), Granularity.H1);
        assertThat(resume.played()).containsEntry(EUR_USD, 64).containsEntry(USD_JPY, 61);
        assertThat(resume.clockStart()).as("where the pair furthest behind ends").isEqualTo(T0.plusSeconds(3600L * 61));
    }

    @Test
    void aFirstStartOrOlderStoredHistoryKeepsTheConfiguredStart() {
        Map<Pair, List<Candle>> recorded = Map.of(EUR_USD, hours(100));
        assertThat(ResumePoint.of(T0.plusSeconds(3600L * 10), recorded, Map.of(), Granularity.H1))
                .isEqualTo(new ResumePoint(T0.plusSeconds(3600L * 10), Map.of(EUR_USD, 0)));
        ResumePoint older = ResumePoint.of(T0.plusSeconds(3600L * 10), recorded, Map.of(EUR_USD, T0.plusSeconds(3600L * 2)),
                Granularity.H1);
        assertThat(older.clockStart()).isEqualTo(T0.plusSeconds(3600L * 10));
        assertThat(older.played()).containsEntry(EUR_USD, 3);
    }
}
