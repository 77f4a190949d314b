package io.fxpipeline.model.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentCheckTest {

    private static void build(Map<String, String> values) {
        new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .withInterceptorFactories(new EnvironmentCheck())
                .build();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DB_PORT|abc|expected a TCP port",
            "REDIS_PORT|70000|a TCP port from 1 to 65535",
            "REDIS_DB|16|a Redis database index",
            "DB_POOL_SIZE|1|a pool size from 2 to 1000",
            "LOG_LEVEL|verbose|OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE or ALL",
            "LOG_FILE|/no/such/folder/fx.log|a file in an existing, writable folder",
            "LOG_FILE|/tmp|a file path, not a folder",
            "HOURLY_JOB_ENABLED|yes|true or false",
            "DB_NAME|fx; drop|a database name",
            "DB_SSL_MODE|on|disable, allow, prefer, require, verify-ca or verify-full",
            "REDIS_URL|http://cache:6379|redis://host:port/db or rediss://host:port/db",
            "REDIS_URL|rediss://cache|redis://host:port/db or rediss://host:port/db"})
    void aBadValueIsReportedWithTheVariableName(String name, String value, String expected) {
        assertThatThrownBy(() -> build(Map.of(name, value)))
                .hasMessageContaining(name + "='")
                .hasMessageContaining(expected);
    }

    @Test
    void goodValuesAndSecretsPass() {
        assertThatCode(() -> build(Map.of("DB_PORT", "5432", "REDIS_DB", "3", "CORRELATION_THRESHOLD", "0.7",
                "HOURLY_JOB_ENABLED", "FALSE", "FX_PAIRS", "EUR_USD, GBP_USD", "CACHE_TTL_PRICE", "300s",
                "DB_PASSWORD", "anything at all", "DB_SSL_MODE", "verify-full", "REDIS_URL", "rediss://cache.example.internal:6380/0"))).doesNotThrowAnyException();
    }

    /** Domain settings have one home, the services' mappings (reported under the variable by the kit's VariableNames). */
    @Test
    void domainSettingsAreLeftToTheMappings() {
        assertThatCode(() -> build(Map.of("DATA_RETENTION_DAYS", "0", "FX_PAGE_SIZE", "6000", "CACHE_TTL_PRICES", "-5s",
                "VOLATILITY_PAIR_THRESHOLDS", "GBP_JPY:0.25"))).doesNotThrowAnyException();
    }

    @Test
    void everyProblemIsListedAtOnceButNoSecret() {
        assertThatThrownBy(() -> build(Map.of("DB_PORT", "x", "REDIS_PORT", "y", "DB_PASSWORD", "hunter2")))
                .hasMessageContaining("DB_PORT").hasMessageContaining("REDIS_PORT")
                .message().doesNotContain("hunter2");
    }

    @Test
    void aPasswordInsideARedisUrlIsNeverEchoed() {
        assertThatThrownBy(() -> build(Map.of("REDIS_URL", "rediss://:hunter2@cache:6380/0")))
                .hasMessageContaining("REDIS_URL='rediss://***@cache:6380/0' is invalid")
                .hasMessageContaining("the password goes in REDIS_PASSWORD")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("hunter2"));
    }
}
