package io.fxpipeline.analytics.store;

import io.fxpipeline.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V14 folds analytics.candles into analytics.volatility_metrics: a database holding bars the old way (a candle row and
 * a metrics row per bar) keeps every bar with its prices and metrics, to the last bit, and loses only a metrics row
 * that had no candle (it could not be recomputed). Real PostgreSQL, the service's own migrations.
 */
class OneRowPerBarMigrationTest {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create("analytics_v14");
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private Flyway flyway(String target) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.server().user(), database.server().password())
                .schemas("analytics").createSchemas(true).locations("classpath:db/migration").target(target).load();
    }

    @Test
    void barsStoredTheOldWayKeepTheirPricesAndMetricsInOneRow() throws SQLException {
        flyway("13").migrate();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO analytics.candles (pair, granularity, time, open, high, low, close) VALUES
                        ('EUR_USD', 'H1', '2024-03-04T10:00:00Z', 1.08412, 1.08530, 1.08377, 1.08498),
                        ('EUR_USD', 'H1', '2024-03-04T11:00:00Z', 1.08498, 1.08601, 1.08455, 1.08567),
                        ('USD_JPY', 'H1', '2024-03-04T10:00:00Z', 150.112, 150.420, 149.988, 150.301)""");
            s.execute("""
                    INSERT INTO analytics.volatility_metrics (pair, granularity, time, close, hv_20, sma_15, atr_14)
                    VALUES
                        ('EUR_USD', 'H1', '2024-03-04T10:00:00Z', 1.08498, NULL, NULL, NULL),
                        ('EUR_USD', 'H1', '2024-03-04T11:00:00Z', 1.08567, 0.0612345678901234, 1.0851, 0.00141),
                        ('USD_JPY', 'H1', '2024-03-04T10:00:00Z', 150.301, 0.0823, 150.2, 0.31),
                        ('GBP_USD', 'H1', '2024-03-04T10:00:00Z', 1.2671, 0.07, 1.26, 0.002)""");
        }

        flyway("latest").migrate();

        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery("""
                    SELECT pair, time, open, high, low, close, hv_20, sma_15, atr_14
                    FROM analytics.volatility_metrics ORDER BY pair, time""")) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getObject(2, OffsetDateTime.class) + " " + r.getDouble(3) + " " + r.getDouble(4) + " "
                            + r.getDouble(5) + " " + r.getDouble(6) + " " + r.getObject(7) + " " + r.getObject(8) + " "
                            + r.getObject(9));
                }
            }
            assertThat(rows).containsExactly(
                    "EUR_USD 2024-03-04T10:00Z 1.08412 1.0853 1.08377 1.08498 null null null",
                    "EUR_USD 2024-03-04T11:00Z 1.08498 1.08601 1.08455 1.08567 0.0612345678901234 1.0851 0.00141",
                    "USD_JPY 2024-03-04T10:00Z 150.112 150.42 149.988 150.301 0.0823 150.2 0.31");
            try (ResultSet r = s.executeQuery("SELECT to_regclass('analytics.candles') IS NULL")) {
                r.next();
                assertThat(r.getBoolean(1)).as("analytics.candles is gone").isTrue();
            }
            assertThatThrownBy(() -> s.execute("""
                    INSERT INTO analytics.volatility_metrics (pair, granularity, time, open, high, low, close)
                    VALUES ('EUR_USD', 'H1', '2024-03-04T12:00:00Z', 'Infinity', 1.2, 1.0, 1.1)"""))
                    .hasMessageContaining("volatility_metrics_finite_prices");
            assertThatThrownBy(() -> s.execute("""
                    INSERT INTO analytics.volatility_metrics (pair, granularity, time, close)
                    VALUES ('EUR_USD', 'H1', '2024-03-04T12:00:00Z', 1.1)"""))
                    .hasMessageContaining("open");
        }
    }
}
