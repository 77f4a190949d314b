package io.fxpipeline.deploy;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.fxpipeline.testing.RealServers;
import io.fxpipeline.testing.ServerAddress;
import io.fxpipeline.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard on the real suite, in a real headless Chromium (Debian's chromium and chromium-driver, driven by
 * Selenium): ingest, analytics and correlation as built jars on real PostgreSQL and Redis, fed the shipped replay set
 * up to a Monday morning, and the dashboard jar as its own process. The page shows every pair as analytics stored it,
 * the 24 h change across the weekend (the day before has no candles: the reference is Friday's last close), the
 * chart's history read by the browser itself from the ingest and analytics APIs (CORS admitting the dashboard's
 * origin), alerts published before it opened, the heatmap of correlation's run; then a volatility alert published on
 * Redis within a second, a restart of the dashboard reconnecting the page, and a bulk store. Skipped, saying so,
 * where Chromium is not installed.
 */
class DashboardBrowserTest {

    /** Monday 10:00 UTC: the newest candle is Monday 09:00, 24 h before it the market was closed. */
    static final Instant MONDAY = Instant.parse("2025-01-20T10:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(120);
    static final int HISTORY_HOURS = 72;

    static TestDatabase database;
    static final List<ServiceProcess> processes = new ArrayList<>();
    static ServiceProcess dashboard;
    static DashboardFixture redis;
    static String keyPrefix;
    static HeadlessChromium browser;

    @BeforeAll
    static void theSuiteUpToAMondayMorning() throws Exception {
        HeadlessChromium.assumeInstalled();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "dsuite-" + run + ":";
        keyPrefix = prefix;
        database = TestDatabase.create("dsuite");
        ServerAddress server = RealServers.redis();
        redis = new DashboardFixture(server, prefix);
        redis.connect();
        Path logs = Files.createDirectories(Path.of("target/dashboard-logs-" + run));
        Map<String, String> connection = ServiceProcess.connection(database, server, prefix);

        dashboard = new ServiceProcess("dashboard-service", with(connection), logs);
        String origin = "http://127.0.0.1:" + dashboard.port();
        Map<String, String> api = with(connection, "FX_CORS_ORIGINS", origin, "HOURLY_JOB_ENABLED", "false",
                "DAILY_JOB_ENABLED", "false");
        ServiceProcess analytics = new ServiceProcess("analytics-service", api, logs);
        ServiceProcess correlation = new ServiceProcess("correlation-service", api, logs);
        Map<String, String> feed = with(api, "FX_FEED", "replay", "FX_REPLAY_DIR",
                Repo.root().resolve("ingest-service/src/main/replay/synthetic-h1").toString(),
                "FX_REPLAY_START", MONDAY.toString(), "FX_REPLAY_SPEED", "1");
        ServiceProcess ingest = new ServiceProcess("ingest-service", feed, logs);
        dashboard.set("DASHBOARD_INGEST_URL", "http://127.0.0.1:" + ingest.port())
                .set("DASHBOARD_ANALYTICS_URL", "http://127.0.0.1:" + analytics.port())
                .set("DASHBOARD_CORRELATION_URL", "http://127.0.0.1:" + correlation.port())
                .set("DASHBOARD_HISTORY_HOURS", String.valueOf(HISTORY_HOURS))
                .set("FX_FEED", "replay"); // as in every deployment: the ConfigMap and run.sh give all services FX_FEED

        for (ServiceProcess p : List.of(analytics, correlation, dashboard)) {
            processes.add(p.start());
        }
        for (ServiceProcess p : List.of(analytics, correlation, dashboard)) {
            p.awaitReady(WAIT);
        }
        processes.add(ingest.start());
        ingest.awaitReady(WAIT);
        // the first tick stores the recording up to Monday 09:00, each pair in order
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM (SELECT pair FROM ingest.candles GROUP BY pair"
                + " HAVING max(time) = '" + MONDAY.minus(Duration.ofHours(1)) + "') done") == 20);
        long candles = count("SELECT count(*) FROM ingest.candles");
        assertThat(candles).isGreaterThan(20 * 200);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM analytics.volatility_metrics") == candles);
        var matrix = correlation.post("/correlation/run");
        assertThat(matrix.body()).contains("\"status\":\"SUCCEEDED\"", "\"with_value\":190");

        browser = HeadlessChromium.open(origin + "/");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        for (ServiceProcess p : processes) {
            p.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (keyPrefix != null) {
            io.fxpipeline.testing.PrefixedKeys.delete(io.fxpipeline.testing.RealServers.redis(), keyPrefix);
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void showsTheSuiteLiveAcrossTheWeekendAndReconnects() throws Exception {
        Instant newest = scalarInstant("SELECT max(time) FROM ingest.candles");
        assertThat(newest).isEqualTo(MONDAY.minus(Duration.ofHours(1)));

        // every pair as analytics stored it, and the feed's newest candle
        browser.waitFor(() -> browser.all("#pair-table tbody tr").size() == 20 && !browser.text("#row-NZD_JPY .hv20").equals("–"));
        // replayed history says so: it is not taken for market prices
        assertThat(browser.text("#feed")).isEqualToIgnoringCase("replay · not market prices");
        for (Latest row : latestMetrics()) {
            assertThat(browser.text("#row-" + row.pair + " .hv20")).as(row.pair + " HV20").isEqualTo(pct(row.hv20));
            assertThat(browser.text("#row-" + row.pair + " .last")).as(row.pair + " close").isEqualTo(price(row.pair, row.close));
            assertThat(browser.text("#row-" + row.pair + " .candle")).as(row.pair + " newest candle").isEqualTo("2025-01-20 09:00");
        }

        // the 24 h change: 24 h before Monday 09:00 the market was closed, so the reference is Friday's last close
        Instant reference = scalarInstant("SELECT max(time) FROM ingest.candles WHERE pair = 'EUR_USD' AND time <= '"
                + newest.minus(Duration.ofHours(24)) + "'");
        assertThat(reference).isEqualTo(Instant.parse("2025-01-17T21:00:00Z"));
        for (Latest row : latestMetrics()) {
            double before = closeAt(row.pair, reference);
            double change = row.close / before - 1;
            String expected = String.format(Locale.ROOT, "%s%.2f%%", change >= 0 ? "+" : "", change * 100);
            await().atMost(HeadlessChromium.WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(browser.text("#row-" + row.pair + " .chg")).as(row.pair + " 24 h change").isEqualTo(expected));
        }

        // the chart: the first pair's last 72 h read by the browser from both APIs (CORS), every stored row
        String charted = browser.text("#chart-pair");
        await().atMost(HeadlessChromium.WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(browser.text("#chart-note")).as("chart note").startsWith("last " + HISTORY_HOURS + " h"));
        Instant from = newest.plus(Duration.ofHours(1)).minus(Duration.ofHours(HISTORY_HOURS));
        long metricRows = count("SELECT count(*) FROM analytics.volatility_metrics WHERE pair = '" + charted
                + "' AND time >= '" + from + "'");
        long candleRows = count("SELECT count(*) FROM ingest.candles WHERE pair = '" + charted + "' AND time >= '" + from + "'");
        assertThat(metricRows).isEqualTo(candleRows).isBetween(20L, 30L);
        assertThat(((Number) browser.js("return window.fxDashboard.chart.metrics.size")).longValue()).isEqualTo(metricRows);
        assertThat(((Number) browser.js("return window.fxDashboard.chart.candles.size")).longValue()).isEqualTo(candleRows);

        // the alerts published before the page opened: the newest come from the alerts stream on subscribing
        List<String> correlationAlerts = pairsOfCorrelationAlerts();
        assertThat(correlationAlerts).isNotEmpty();
        browser.waitFor(() -> browser.all("#alert-feed li.correlation").size() >= correlationAlerts.size());
        String feed = browser.text("#alert-feed");
        assertThat(correlationAlerts).allSatisfy(pairs -> assertThat(feed).contains(pairs));

        // the heatmap and the ranking from correlation's run on the suite's closes
        browser.waitFor(() -> ((Number) browser.js("return window.fxDashboard.heatmap.valuedCells()")).intValue() == 190);
        assertThat(browser.all("#best-pairs li")).isNotEmpty();

        // a volatility alert published on Redis is in the feed within a second, and its threshold colours the HV20
        Latest hottest = latestMetrics().stream().max(java.util.Comparator.comparingDouble(l -> l.hv20)).orElseThrow();
        VolatilityMetrics hot = metricsRow(hottest.pair);
        double threshold = Math.floor(hot.hv20() * 100) / 100;
        String feedOfHottest = "#alert-feed li.volatility[data-key*='" + hottest.pair + "']";
        int before = browser.all(feedOfHottest).size();
        long published = System.nanoTime();
        redis.publish(redis.channels.volatilityAlerts(), redis.codec.encode(new VolatilityAlert(Instant.now(),
                Pair.of(hottest.pair), Granularity.H1, hot.hv20(), threshold, Severity.CRITICAL, hot.time())));
        browser.waitFor(() -> browser.all(feedOfHottest).size() > before, Duration.ofSeconds(1), Duration.ofMillis(10));
        long shownAfterMs = (System.nanoTime() - published) / 1_000_000;
        System.out.println("BROWSER volatility alert published -> shown in the feed: " + shownAfterMs + " ms");
        assertThat(shownAfterMs).isLessThan(1000);
        browser.waitFor(() -> browser.one("#row-" + hottest.pair + " .hv20").getAttribute("class").contains("sev-CRITICAL"));

        // a system alert: what went wrong, its upstream text shown as text (never as markup)
        String upstream = "OANDA answered 400: <html>proxy error</html>";
        redis.publish(redis.channels.systemAlerts(), redis.codec.encode(new SystemAlert(Instant.now(), "ingest-service",
                SystemAlert.Kind.JOB_FAILED, "hourly-candles", upstream)));
        browser.waitFor(() -> browser.all("#alert-feed li.system").stream().anyMatch(li -> li.getText().contains(upstream)));
        assertThat(browser.text("#alert-feed li.system")).contains("PROBLEM", "hourly-candles", "job failed", upstream);
        browser.screenshot("dashboard.png");

        // killed: the page says so; restarted: it reconnects, resubscribes and streams again, without showing the
        // recent alerts it already has twice
        dashboard.kill();
        browser.waitFor(() -> "down".equals(browser.js("return document.body.dataset.stream")));
        assertThat(browser.one("#disconnected").isDisplayed()).isTrue();
        assertThat(browser.text("#connection")).isEqualTo("disconnected");
        browser.screenshot("dashboard-disconnected.png");
        dashboard.start().awaitReady(WAIT);
        browser.waitFor(() -> "live".equals(browser.js("return document.body.dataset.stream")));
        assertThat(browser.one("#disconnected").isDisplayed()).isFalse();
        String other = latestMetrics().stream().map(Latest::pair).filter(p -> !p.equals(hottest.pair)).findFirst().orElseThrow();
        VolatilityMetrics m = metricsRow(other);
        redis.publish(redis.channels.volatilityAlerts(), redis.codec.encode(new VolatilityAlert(Instant.now(),
                Pair.of(other), Granularity.H1, m.hv20(), m.hv20() / 0.95, Severity.WARNING, m.time())));
        browser.waitFor(() -> browser.all("#alert-feed li.volatility").stream().anyMatch(li -> li.getText().contains(other)));
        List<String> keys = browser.all("#alert-feed li").stream().map(li -> li.getAttribute("data-key")).toList();
        assertThat(keys).doesNotHaveDuplicates().hasSizeGreaterThan(correlationAlerts.size());

        // a bulk store comes as its newest row and its range: the row shows that row, and the charted pair's points
        // are read again from the APIs instead of the row being added as a live point
        VolatilityMetrics stored = metricsRow(charted);
        VolatilityMetrics later = new VolatilityMetrics(stored.time().plus(Duration.ofHours(1)), stored.close() * 1.01,
                stored.hv20(), stored.hv50(), stored.sma15(), stored.sma30(), stored.sma50(), stored.bbUpper(),
                stored.bbMiddle(), stored.bbLower(), stored.atr14());
        redis.publish(redis.channels.dataReady(), redis.codec.encode(MetricsReady.bulk(Instant.now(), Pair.of(charted),
                Granularity.H1, stored.time().minus(Duration.ofDays(200)), later, 3_400)));
        browser.waitFor(() -> browser.text("#row-" + charted + " .last").equals(price(charted, later.close())));
        // the same handler call: the chart was cleared to read its range again, so the bulk row is not among its
        // points (added as a live point, it would be); the APIs cannot answer a row that was never stored
        assertThat(browser.js("return window.fxDashboard.chart.metrics.has(" + later.time().toEpochMilli() + ")")).isEqualTo(false);

        // the replay played its recording to the end: the stream stays live, so the header says it beside the newest
        // candle; candles announced after that (a new replay) take it back
        assertThat(browser.one("#feed-ended").isDisplayed()).isFalse();
        redis.publish(redis.channels.systemAlerts(), redis.codec.encode(new SystemAlert(Instant.now(), "ingest-service",
                SystemAlert.Kind.REPLAY_ENDED, "feed", "the replay played its recording to the end")));
        browser.waitFor(() -> browser.one("#feed-ended").isDisplayed());
        assertThat(browser.text("#feed-state")).contains("the replay played its whole recording: no more candles will come");
        assertThat(browser.text("#alert-feed li.system")).contains("feed", "replay ended", "OK");
        browser.screenshot("dashboard-replay-ended.png");
        // the newest stored candle announced again, as pub/sub may deliver it twice: the consumers take it as such
        redis.publish(redis.channels.dataReady(), redis.codec.encode(newestCandle(charted)));
        browser.waitFor(() -> !browser.one("#feed-ended").isDisplayed());
    }

    /**
     * Over a weekend the cache keys the stream's snapshot comes from expire (metrics an hour after the last candle,
     * the matrix a day after its run): a page opened then reads the pairs and the correlation from the APIs.
     */
    @Test
    void withTheCacheExpiredThePageReadsThePairsAndTheCorrelationFromTheApis() throws Exception {
        List<Latest> latest = latestMetrics();
        List<String> keys = new ArrayList<>(List.of(redis.channels.correlationMatrixKey(), redis.channels.bestPairsKey()));
        latest.forEach(row -> keys.add(redis.channels.metricsKey(Pair.of(row.pair))));
        redis.delete(keys);
        browser.reload();

        for (Latest row : latest) {
            await().atMost(HeadlessChromium.WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                assertThat(browser.text("#row-" + row.pair + " .hv20")).as(row.pair + " HV20").isEqualTo(pct(row.hv20));
                assertThat(browser.text("#row-" + row.pair + " .last")).as(row.pair + " close").isEqualTo(price(row.pair, row.close));
            });
        }
        // the 24 h change at once: the rows read reach back to Friday's last close
        double change = latest.get(0).close / closeAt(latest.get(0).pair, Instant.parse("2025-01-17T21:00:00Z")) - 1;
        assertThat(browser.text("#row-" + latest.get(0).pair + " .chg"))
                .isEqualTo(String.format(Locale.ROOT, "%s%.2f%%", change >= 0 ? "+" : "", change * 100));
        browser.waitFor(() -> ((Number) browser.js("return window.fxDashboard.heatmap.valuedCells()")).intValue() == 190);
        browser.waitFor(() -> !browser.all("#best-pairs li b").isEmpty());
        assertThat(browser.text("#best-pairs li b")).isEqualTo(firstBestPair());
        // the chart opens on the first pair listed, its history read as before
        await().atMost(HeadlessChromium.WAIT).untilAsserted(() -> assertThat(browser.text("#chart-pair")).isEqualTo("EUR_USD"));
    }

    /** "A / B" of rank 1 of the newest ranking. */
    static String firstBestPair() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT pair_a, pair_b FROM correlation.best_pairs WHERE as_of = (SELECT max(as_of) FROM correlation.best_pairs) AND rank = 1")) {
            assertThat(r.next()).isTrue();
            return r.getString(1) + " / " + r.getString(2);
        }
    }

    /** The newest metrics row analytics stored for a pair. */
    static VolatilityMetrics metricsRow(String pair) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("""
                SELECT time, close, hv_20, hv_50, sma_15, sma_30, sma_50, bb_upper, bb_middle, bb_lower, atr_14
                FROM analytics.volatility_metrics WHERE pair = ? ORDER BY time DESC LIMIT 1""")) {
            s.setString(1, pair);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as(pair + " has metrics").isTrue();
                return new VolatilityMetrics(r.getObject(1, java.time.OffsetDateTime.class).toInstant(), r.getObject(2, Double.class),
                        r.getObject(3, Double.class), r.getObject(4, Double.class), r.getObject(5, Double.class),
                        r.getObject(6, Double.class), r.getObject(7, Double.class), r.getObject(8, Double.class),
                        r.getObject(9, Double.class), r.getObject(10, Double.class), r.getObject(11, Double.class));
            }
        }
    }

    /** The newest candle ingest stored for a pair, as the live message that announced it. */
    static CandlesReady newestCandle(String pair) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("""
                SELECT time, open, high, low, close, volume, seq FROM ingest.candles WHERE pair = ? AND granularity = 'H1'
                ORDER BY time DESC LIMIT 1""")) {
            s.setString(1, pair);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as(pair + " has candles").isTrue();
                Candle candle = new Candle(r.getObject(1, java.time.OffsetDateTime.class).toInstant(), r.getBigDecimal(2),
                        r.getBigDecimal(3), r.getBigDecimal(4), r.getBigDecimal(5), r.getLong(6));
                return CandlesReady.live(Instant.now(), Pair.of(pair), Granularity.H1, r.getLong(7), List.of(candle));
            }
        }
    }

    record Latest(String pair, double close, Double hv20) {
    }

    static List<Latest> latestMetrics() throws SQLException {
        List<Latest> rows = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                SELECT pair, close, hv_20 FROM analytics.volatility_metrics
                WHERE time = (SELECT max(time) FROM analytics.volatility_metrics) ORDER BY pair""")) {
            while (r.next()) {
                double hv20 = r.getDouble(3);
                rows.add(new Latest(r.getString(1), r.getDouble(2), r.wasNull() ? null : hv20));
            }
        }
        assertThat(rows).hasSize(20);
        return rows;
    }

    /** "A / B" of correlation's alerts, the newest 20 (all from the one run, so the newest in the alerts stream). */
    static List<String> pairsOfCorrelationAlerts() throws SQLException {
        List<String> pairs = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT pair_a, pair_b FROM correlation.correlation_alerts ORDER BY id DESC LIMIT 20")) {
            while (r.next()) {
                pairs.add(r.getString(1) + " / " + r.getString(2));
            }
        }
        return pairs;
    }

    static double closeAt(String pair, Instant time) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT close FROM analytics.volatility_metrics WHERE pair = ? AND time = ?")) {
            s.setString(1, pair);
            s.setObject(2, time.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as(pair + " has a row at " + time).isTrue();
                return r.getDouble(1);
            }
        }
    }

    static long count(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static Instant scalarInstant(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static String pct(Double x) {
        return x == null ? "–" : String.format(Locale.ROOT, "%.1f%%", x * 100);
    }

    private static String price(String pair, double x) {
        return String.format(Locale.ROOT, pair.endsWith("JPY") ? "%.3f" : "%.5f", x);
    }
}
