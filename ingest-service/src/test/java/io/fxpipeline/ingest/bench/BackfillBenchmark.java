package io.fxpipeline.ingest.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.OandaStub;
import io.fxpipeline.ingest.feed.recorded.SyntheticHistory;
import io.fxpipeline.ingest.job.Backfill;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfill throughput: one year of H1 candles for the 20 pairs, paged from the OANDA stub (5000 a page) into
 * PostgreSQL with data_ready messages, as the backfill command does. Prints candles/s.
 * Run: {@code mvn -pl ingest-service verify -Pbench}.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class BackfillBenchmark {

    @OandaStub.Inject
    WireMockServer oanda;

    @Inject
    Backfill backfill;

    @Test
    void oneYearOfTwentyPairsFromTheStub() {
        oanda.resetAll();
        Instant start = OandaAnswers.hoursAgo(24 * 365);
        Map<Pair, List<Candle>> year = SyntheticHistory.generate(TrackedPairs.DEFAULT, start, 52, 11L);
        year.forEach((pair, candles) -> OandaAnswers.stubHistory(oanda, pair, candles));
        long expected = year.values().stream().mapToLong(List::size).sum();

        Backfill.Report report = backfill.run(365, TrackedPairs.DEFAULT, new Backfill.Listener() { })
                .await().atMost(Duration.ofMinutes(10));

        assertThat(report.stored()).isEqualTo(expected);
        double seconds = report.took().toMillis() / 1000.0;
        System.out.printf("BENCH backfill: %,d candles (20 pairs x 1 year, %d requests) stub -> PostgreSQL + data_ready"
                        + " in %.2f s = %,.0f candles/s%n", report.stored(),
                oanda.getAllServeEvents().size(), seconds, report.stored() / seconds);
    }
}
