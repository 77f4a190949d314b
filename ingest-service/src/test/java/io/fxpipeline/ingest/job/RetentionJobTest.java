package io.fxpipeline.ingest.job;

import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.service.CandleIngestion;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily purge: candles past DATA_RETENTION_DAYS (365) and price ticks past 24 hours go; the rest stays. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(OandaFeed.class)
class RetentionJobTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Not a tracked pair: the hourly job and backfills of other classes never write it. */
    private static final Pair PAIR = Pair.of("EUR_NZD");

    @Inject
    RetentionJob job;

    @Inject
    CandleIngestion ingestion;

    @Inject
    Pool pool;

    @Test
    void purgesWhatIsPastItsRetentionAndKeepsTheRest() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant today = OandaAnswers.hoursAgo(0);
        List<Candle> candles = new ArrayList<>();
        Instant[] times = {today.minus(Duration.ofDays(400)), today.minus(Duration.ofDays(365)).minus(Duration.ofHours(1)),
                today.minus(Duration.ofDays(364)), today.minus(Duration.ofHours(3))};
        for (Instant t : times) {
            Candle c = OandaAnswers.history(PAIR, Instant.parse("2024-01-08T00:00:00Z"), 1).get(0);
            candles.add(new Candle(t, c.open(), c.high(), c.low(), c.close(), c.volume()));
        }
        ingestion.store(PAIR, Granularity.H1, "oanda", candles).await().atMost(WAIT);
        for (Instant received : List.of(now.minus(Duration.ofHours(25)), now.minus(Duration.ofHours(23)))) {
            pool.preparedQuery("INSERT INTO ingest.price_ticks (pair, time, bid, ask, mid, tradeable, received_at) VALUES ($1, $2, 1.1, 1.2, 1.15, true, $2)")
                    .execute(Tuple.of(PAIR.name(), received.atOffset(ZoneOffset.UTC))).await().atMost(WAIT);
        }

        JobRuns.Outcome outcome = job.run(now).await().atMost(WAIT);

        assertThat(outcome.status()).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(times("SELECT time FROM ingest.candles WHERE pair = $1 ORDER BY time"))
                .containsExactly(times[2], times[3]);
        assertThat(times("SELECT time FROM ingest.price_ticks WHERE pair = $1"))
                .containsExactly(now.minus(Duration.ofHours(23)));
        // other test classes share the database: at least this class's three rows went
        assertThat(outcome.records()).isGreaterThanOrEqualTo(3);
    }

    private List<Instant> times(String sql) {
        List<Instant> times = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(PAIR.name())).await().atMost(WAIT)
                .forEach(r -> times.add(r.getOffsetDateTime(0).toInstant()));
        return times;
    }
}
