package io.fxpipeline.analytics.service;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.fxpipeline.model.sequence.Series;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.fxpipeline.analytics.service.PipelineFeed.price;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages that only extend a series are stored in one statement (candles, metrics, alert state and alert), decided
 * from the in-memory window and the remembered alert state; when the stored series or state moved behind the
 * service's back the statement is refused as a whole and the transaction reads them back. Real Redis and PostgreSQL;
 * one pair per test, none of them used by the other test classes.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class OneStatementStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant START = Instant.parse("2024-09-02T00:00:00Z");

    @Inject
    Pool pool;

    @Inject
    PipelineFeed feed;

    @Inject
    RecentWindows windows;

    @Inject
    KnownAlertStates states;

    private final MessageCodec codec = new MessageCodec();

    /** A random walk: {@code calm} hours at 0.05 % an hour, then {@code wild} hours at 1 % (HV20 ≈ 0.8 a year). */
    private static List<Candle> calmThenWild(int calm, int wild, long seed) {
        Random random = new Random(seed);
        List<Candle> candles = new ArrayList<>();
        double close = 1.3;
        for (int i = 0; i < calm + wild; i++) {
            double hourly = i < calm ? 0.0005 : 0.01;
            double open = close;
            close = open * Math.exp(random.nextGaussian() * hourly);
            BigDecimal o = price(open);
            BigDecimal c = price(close);
            candles.add(new Candle(START.plusSeconds(3600L * i), o, o.max(c), o.min(c), c, 50L + i));
        }
        return candles;
    }

    private static double counter(String series) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double oneStatement() {
        return counter("fx_analytics_stores_total{path=\"one_statement\"}");
    }

    private static double transactions() {
        return counter("fx_analytics_stores_total{path=\"transaction\"}");
    }

    private static double refused() {
        return counter("fx_analytics_stores_refused_total");
    }

    private List<String> alertSeverities(Pair pair) {
        List<String> severities = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT severity FROM analytics.volatility_alerts WHERE pair = $1 ORDER BY id")
                .execute(Tuple.of(pair.name())).await().atMost(WAIT)) {
            severities.add(row.getString(0));
        }
        return severities;
    }

    /** Alerts stored but not yet announced: the outbox's work left. */
    private long unannounced(Pair pair) {
        return pool.preparedQuery("SELECT count(*) FROM analytics.volatility_alerts WHERE pair = $1 AND announced_at IS NULL")
                .execute(Tuple.of(pair.name())).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private String alertState(Pair pair) {
        var rows = pool.preparedQuery("SELECT severity FROM analytics.alert_states WHERE pair = $1")
                .execute(Tuple.of(pair.name())).await().atMost(WAIT);
        return rows.size() == 0 ? "no row" : String.valueOf(rows.iterator().next().getString(0));
    }

    @Test
    void liveHoursAfterTheFirstMessageAreStoredInOneStatementEachWithTheTransactionsRows() {
        Pair pair = Pair.of("NZD_JPY");
        List<Candle> candles = calmThenWild(80, 0, 11);
        double before = oneStatement();
        double transactions = transactions();
        feed.send(pair, 1, candles.subList(0, 60)); // nothing stored: the window read is empty, the series starts here
        await().atMost(WAIT).until(() -> feed.stored(pair).size() == 60);
        for (int i = 60; i < 80; i++) {
            feed.send(pair, i - 58, candles.subList(i, i + 1));
        }
        await().atMost(WAIT).until(() -> feed.stored(pair).size() == 80);
        assertThat(feed.stored(pair)).isEqualTo(feed.expected(candles));
        assertThat(oneStatement() - before).isEqualTo(21);
        assertThat(transactions()).isEqualTo(transactions);
        assertThat(alertState(pair)).isEqualTo("no row"); // the calm HV20 stays below the warning line
    }

    @Test
    void anAlertDecidedFromTheRememberedStateIsStoredWithItsRowsAndPublishedOnce() {
        Pair pair = Pair.of("EUR_CHF");
        List<Candle> candles = calmThenWild(60, 30, 12);
        Channels channels = feed.channels();
        try (ChannelRecorder recorder = feed.record(channels.volatilityAlerts())) {
            feed.send(pair, 1, candles.subList(0, 60));
            await().atMost(WAIT).until(() -> feed.stored(pair).size() == 60);
            assertThat(alertState(pair)).isEqualTo("no row");
            double before = oneStatement();
            double refusedBefore = refused();

            feed.send(pair, 2, candles.subList(60, 90)); // every candle new, state known: one statement
            await().atMost(WAIT).until(() -> feed.stored(pair).size() == 90);
            assertThat(oneStatement() - before).isEqualTo(1);
            assertThat(refused()).isEqualTo(refusedBefore);
            assertThat(feed.stored(pair)).isEqualTo(feed.expected(candles));

            await().atMost(WAIT).until(() -> !recorder.payloads(channels.volatilityAlerts()).isEmpty());
            List<VolatilityAlert> alerts = recorder.payloads(channels.volatilityAlerts()).stream()
                    .map(p -> codec.decode(p, VolatilityAlert.class)).filter(a -> a.pair().equals(pair)).toList();
            assertThat(alerts).hasSize(1);
            VolatilityMetrics newest = feed.expected(candles).get(89);
            assertThat(alerts.get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alerts.get(0).volatility()).isEqualTo(newest.hv20());
            assertThat(alerts.get(0).time()).isEqualTo(newest.time());
            assertThat(alertSeverities(pair)).containsExactly("CRITICAL");
            assertThat(alertState(pair)).isEqualTo("CRITICAL");
            // announced from the statement's own id: the outbox has nothing left to send
            await().atMost(WAIT).until(() -> unannounced(pair) == 0);
        }
    }

    /**
     * After a start nothing is held in memory: the next message reads the window and the alert state from PostgreSQL
     * in one snapshot and still takes the one statement. The metrics continue exactly (the series' index and ATR come
     * from the stored rows), and the CRITICAL state read back is not alerted a second time.
     */
    @Test
    void afterAStartTheWindowAndAlertStateAreReadBackAndTheNextMessageStillTakesOneStatement() {
        Pair pair = Pair.of("EUR_AUD");
        Series series = new Series(pair, Granularity.H1);
        List<Candle> candles = calmThenWild(60, 40, 15);
        Channels channels = feed.channels();
        try (ChannelRecorder recorder = feed.record(channels.volatilityAlerts())) {
            feed.send(pair, 1, candles.subList(0, 90));
            await().atMost(WAIT).until(() -> feed.stored(pair).size() == 90);
            assertThat(alertState(pair)).isEqualTo("CRITICAL");
            windows.forget(series); // what a restart leaves: neither is known
            states.forget(pair);
            double before = oneStatement();
            double transactions = transactions();
            double refusedBefore = refused();

            feed.send(pair, 2, candles.subList(90, 100));
            await().atMost(WAIT).until(() -> feed.stored(pair).size() == 100);
            assertThat(feed.stored(pair)).isEqualTo(feed.expected(candles));
            assertThat(oneStatement() - before).isEqualTo(1);
            assertThat(transactions()).isEqualTo(transactions);
            assertThat(refused()).isEqualTo(refusedBefore);
            assertThat(windows.get(series).orElseThrow().newest()).isEqualTo(candles.get(99).time());
            assertThat(alertSeverities(pair)).containsExactly("CRITICAL");
            await().atMost(WAIT).until(() -> unannounced(pair) == 0);
            assertThat(recorder.payloads(channels.volatilityAlerts()).stream()
                    .map(p -> codec.decode(p, VolatilityAlert.class)).filter(a -> a.pair().equals(pair)))
                    .hasSize(1);
        }
    }

    /**
     * A candle newer than the window stored by another writer: continuing the window would leave its metrics
     * missing. The statement is refused and the transaction recomputes forward over it.
     */
    @Test
    void aCandleStoredBehindTheServicesBackMakesTheStatementRefusedAndTheTransactionRecomputeOverIt() {
        Pair pair = Pair.of("CAD_JPY");
        List<Candle> candles = calmThenWild(63, 0, 13);
        feed.send(pair, 1, candles.subList(0, 60));
        await().atMost(WAIT).until(() -> feed.stored(pair).size() == 60);
        Candle foreign = candles.get(62);
        pool.preparedQuery("INSERT INTO analytics.volatility_metrics (pair, granularity, time, open, high, low, close) "
                        + "VALUES ($1, 'H1', $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple(List.of(pair.name(), foreign.time().atOffset(ZoneOffset.UTC),
                        foreign.open().doubleValue(), foreign.high().doubleValue(), foreign.low().doubleValue(),
                        foreign.close().doubleValue())))
                .await().atMost(WAIT);
        double refusedBefore = refused();

        feed.send(pair, 2, candles.subList(60, 62));
        await().atMost(WAIT).until(() -> feed.stored(pair).size() == 63);
        assertThat(feed.stored(pair)).isEqualTo(feed.expected(candles));
        assertThat(refused() - refusedBefore).isEqualTo(1);
    }

    /**
     * The stored state says CRITICAL (another instance announced it) while memory says none: deciding from memory
     * would alert again. The statement is refused, nothing of it stored, and the transaction reads CRITICAL: no alert.
     */
    @Test
    void anAlertStateChangedBehindTheServicesBackIsReadAgainAndNotAlertedTwice() {
        Pair pair = Pair.of("GBP_AUD");
        List<Candle> candles = calmThenWild(60, 30, 14);
        feed.send(pair, 1, candles.subList(0, 60));
        await().atMost(WAIT).until(() -> feed.stored(pair).size() == 60);
        assertThat(alertState(pair)).isEqualTo("no row");
        pool.preparedQuery("INSERT INTO analytics.alert_states (pair, severity, since) VALUES ($1, 'CRITICAL', now())")
                .execute(Tuple.of(pair.name())).await().atMost(WAIT);
        double refusedBefore = refused();

        feed.send(pair, 2, candles.subList(60, 90));
        await().atMost(WAIT).until(() -> feed.stored(pair).size() == 90);
        assertThat(feed.stored(pair)).isEqualTo(feed.expected(candles));
        assertThat(refused() - refusedBefore).isEqualTo(1);
        assertThat(alertSeverities(pair)).isEmpty();
        assertThat(alertState(pair)).isEqualTo("CRITICAL");
    }
}
