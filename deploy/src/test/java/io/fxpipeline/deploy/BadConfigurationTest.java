package io.fxpipeline.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each built jar, started with a wrong environment variable, stops at once with a message naming the variable
 * and never echoes a secret it was given.
 */
class BadConfigurationTest {

    static final String SECRET = "s3cret-" + Long.toHexString(System.nanoTime());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ingest-service|DB_PORT|abc|DB_PORT='abc' is invalid: expected a TCP port",
            "analytics-service|VOLATILITY_PAIR_THRESHOLDS|GBP_JPY:0.25|VOLATILITY_PAIR_THRESHOLDS='GBP_JPY:0.25' is invalid",
            "correlation-service|CORRELATION_THRESHOLD|1.5|CORRELATION_THRESHOLD='1.5' is invalid",
            "correlation-service|CORRELATION_STALE_BARS|-1|CORRELATION_STALE_BARS='-1' is invalid",
            "correlation-service|CORRELATION_HISTORY_DAYS|0|CORRELATION_HISTORY_DAYS='0' is invalid",
            "correlation-service|CORRELATION_DAILY_SETTLE|soon|CORRELATION_DAILY_SETTLE='soon' is invalid",
            "ingest-service|CACHE_TTL_PRICES|-5s|CACHE_TTL_PRICES='-5s' is invalid",
            "ingest-service|CACHE_TTL_PRICE|0s|CACHE_TTL_PRICE='0s' is invalid",
            "analytics-service|LOG_LEVEL|verbose|LOG_LEVEL='verbose' is invalid: expected OFF, FATAL, ERROR, WARN",
            "correlation-service|LOG_FILE|/no/such/folder/fx.log|LOG_FILE='/no/such/folder/fx.log' is invalid",
            // Quarkus's own setting, fed by the kit (0.0.0.0/32 first): reported with the whole value
            "analytics-service|FX_TRUSTED_PROXIES|10.0.0.0/99|trusted-proxies with the config value \"0.0.0.0/32,10.0.0.0/99\"",
            // domain settings: checked once, by the services' mappings, and reported under the variable (VariableNames)
            "ingest-service|DATA_RETENTION_DAYS|0|DATA_RETENTION_DAYS='0' is invalid: fx.retention-days must be greater than or equal to 1",
            "ingest-service|FX_PAGE_SIZE|6000|FX_PAGE_SIZE='6000' is invalid: fx.page-size must be less than or equal to 5000",
            "ingest-service|FX_FEED|kafka|FX_FEED='kafka' is invalid: fx.feed",
            "ingest-service|OANDA_READ_TIMEOUT|0s|OANDA_READ_TIMEOUT='0s' is invalid: fx.oanda.read-timeout must be a positive duration",
            "analytics-service|FX_PAIRS|EUR_USD,EURUSD|FX_PAIRS='EUR_USD,EURUSD' is invalid: fx.pairs",
            "analytics-service|FX_GRANULARITY|H7|FX_GRANULARITY='H7' is invalid: fx.granularity",
            "analytics-service|VOLATILITY_PAIR_THRESHOLDS|GBPJPY=0.2|VOLATILITY_PAIR_THRESHOLDS='GBPJPY=0.2' is invalid",
            "correlation-service|CORRELATION_WINDOW|many|CORRELATION_WINDOW='many' is invalid: fx.window",
            "dashboard-service|DASHBOARD_SLOW_CLIENT_TIMEOUT|-1s|DASHBOARD_SLOW_CLIENT_TIMEOUT='-1s' is invalid: fx.stream.slow-client-timeout must be a positive duration",
            "dashboard-service|FX_FEED|kafka|FX_FEED='kafka' is invalid: fx.page.feed must be replay or oanda",
            "dashboard-service|DASHBOARD_TOKEN|too short|DASHBOARD_TOKEN='***' is invalid: fx.stream.token must be at least 16 characters without spaces",
            "ingest-service|FX_REPLAY_MAX_ROWS|10|FX_REPLAY_MAX_ROWS='10' is invalid: fx.replay-answers.max-rows must be greater than or equal to 500",
            "analytics-service|VOLATILITY_THRESHOLD|200|VOLATILITY_THRESHOLD='200' is invalid: fx.alerts.threshold must be less than or equal to 100",
            // the same settings under Quarkus's own environment names are checked too (the mappings' own checks)
            "ingest-service|FX_RETENTION_DAYS|0|fx.retention-days must be greater than or equal to 1",
            "correlation-service|FX_THRESHOLD|2|fx.threshold must be less than or equal to 1",
            "analytics-service|FX_ALERTS_PAIR_THRESHOLD_LIST|GBP_JPY=high|fx.alerts.pair-threshold-list[0] must be PAIR=threshold"})
    void aWrongValueStopsStartUpNamingTheVariable(String service, String variable, String value, String expected) throws Exception {
        Path logs = Files.createDirectories(Path.of("target/bad-config-logs"));
        ServiceProcess.Result result = ServiceProcess.run(service, Map.of(variable, value, "DB_PASSWORD", SECRET,
                "OANDA_API_KEY", SECRET), logs);
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains(expected).doesNotContain(SECRET);
    }

    @org.junit.jupiter.api.Test
    void theOandaFeedWithoutTokenOrAccountStopsStartUpNamingTheVariable() throws Exception {
        Path logs = Files.createDirectories(Path.of("target/bad-config-logs"));
        ServiceProcess.Result noToken = ServiceProcess.run("ingest-service", Map.of("FX_FEED", "oanda",
                "OANDA_ACCOUNT_ID", "101-004-1-001"), logs);
        assertThat(noToken.exitCode()).as(noToken.output()).isNotZero();
        assertThat(noToken.output()).contains("OANDA_API_KEY is required with FX_FEED=oanda")
                .doesNotContain("OANDA_ACCOUNT_ID is required");

        ServiceProcess.Result noAccount = ServiceProcess.run("ingest-service", Map.of("FX_FEED", "oanda",
                "OANDA_API_KEY", SECRET), logs);
        assertThat(noAccount.exitCode()).as(noAccount.output()).isNotZero();
        assertThat(noAccount.output()).contains("OANDA_ACCOUNT_ID is required with FX_FEED=oanda while prices are polled")
                .doesNotContain(SECRET);

        // a command polls no prices: the token is enough to get past the check (the run then fails on the database
        // or the network here, never on the account)
        ServiceProcess.Result command = ServiceProcess.run("ingest-service", Map.of("FX_FEED", "oanda",
                "OANDA_API_KEY", SECRET, "DB_NAME", "fx_no_such_database"), logs, "purge");
        assertThat(command.output()).doesNotContain("OANDA_ACCOUNT_ID is required").doesNotContain(SECRET);
    }
}
