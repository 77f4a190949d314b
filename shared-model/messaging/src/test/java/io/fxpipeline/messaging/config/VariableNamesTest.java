package io.fxpipeline.messaging.config;

import io.fxpipeline.model.Pair;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bad value from a documented variable is reported under the variable's name, whether the mapping's conversion
 * or its own check ({@link CheckedSettings}) refuses it; the rule itself lives only in the mapping.
 */
class VariableNamesTest {

    /**
     * A mapping shaped like the services' (bounds, a duration, pairs, a pattern list); registered by hand with its
     * prefix, not annotated, so the kit's Quarkus test application does not map it too.
     */
    interface Sample extends CheckedSettings {
        int retentionDays();

        Duration settle();

        List<Pair> pairs();

        Optional<List<String>> thresholds();

        @WithDefault("secret-token-value")
        String token();

        @Override
        default void check(SettingRules rules) {
            rules.between("retention-days", retentionDays(), 1, 36_500)
                    .positive("settle", settle())
                    .eachMatches("thresholds", thresholds().orElse(List.of()),
                            Pattern.compile("[A-Z]{3}_[A-Z]{3}=\\d+(\\.\\d+)?"), "must be PAIR=threshold")
                    .matches("token", token(), Pattern.compile("\\S{16,}"), "must be at least 16 characters");
        }
    }

    /** The properties file's table: each property takes its documented variable, with a default. */
    private static final Map<String, String> TABLE = Map.of(
            "fx.retention-days", "${DATA_RETENTION_DAYS:365}",
            "fx.settle", "${SETTLE_TIMEOUT:${OLD_SETTLE_TIMEOUT:10s}}",
            "fx.pairs", "${FX_PAIRS:EUR_USD,GBP_USD}",
            "fx.thresholds", "${PAIR_THRESHOLDS:}",
            "fx.token", "${SAMPLE_TOKEN:secret-token-value}");

    private static Sample build(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredConverters()
                .withSources(new PropertiesConfigSource(TABLE, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withCustomizers(new VariableNames(), new SettingsChecker())
                .withMapping(Sample.class, "fx").build();
        return config.getConfigMapping(Sample.class, "fx");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DATA_RETENTION_DAYS|0|DATA_RETENTION_DAYS='0' is invalid: fx.retention-days must be greater than or equal to 1",
            "DATA_RETENTION_DAYS|40000|DATA_RETENTION_DAYS='40000' is invalid: fx.retention-days must be less than or equal to 36500",
            "DATA_RETENTION_DAYS|year|DATA_RETENTION_DAYS='year' is invalid: fx.retention-days",
            "SETTLE_TIMEOUT|soon|SETTLE_TIMEOUT='soon' is invalid: fx.settle",
            "SETTLE_TIMEOUT|-5s|SETTLE_TIMEOUT='-5s' is invalid: fx.settle must be a positive duration",
            "OLD_SETTLE_TIMEOUT|0s|OLD_SETTLE_TIMEOUT='0s' is invalid: fx.settle must be a positive duration",
            "FX_PAIRS|'EUR_USD,EURUSD'|FX_PAIRS='EUR_USD,EURUSD' is invalid: fx.pairs",
            "PAIR_THRESHOLDS|GBP_JPY:0.25|PAIR_THRESHOLDS='GBP_JPY:0.25' is invalid: fx.thresholds[0] must be PAIR=threshold"})
    void aBadValueIsReportedUnderItsVariable(String variable, String value, String expected) {
        assertThatThrownBy(() -> build(Map.of(variable, value))).hasMessageContaining(expected);
    }

    @Test
    void aValueSetUnderThePropertysOwnEnvironmentNameIsNamedSo() {
        assertThatThrownBy(() -> build(Map.of("FX_RETENTION_DAYS", "0")))
                .hasMessageContaining("FX_RETENTION_DAYS='0' is invalid: fx.retention-days must be greater than or equal to 1")
                .message().doesNotContain("DATA_RETENTION_DAYS");
    }

    @Test
    void aSecretIsNeverEchoed() {
        assertThatThrownBy(() -> build(Map.of("SAMPLE_TOKEN", "hunter2")))
                .hasMessageContaining("SAMPLE_TOKEN='***' is invalid: fx.token must be at least 16 characters")
                .message().doesNotContain("hunter2");
    }

    @Test
    void goodValuesPass() {
        Sample sample = build(Map.of("DATA_RETENTION_DAYS", "30", "SETTLE_TIMEOUT", "5m", "FX_PAIRS", "EUR_USD, USD_JPY",
                "PAIR_THRESHOLDS", "GBP_JPY=0.25"));
        assertThat(sample.retentionDays()).isEqualTo(30);
        assertThat(sample.settle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(sample.pairs()).extracting(Pair::name).containsExactly("EUR_USD", "USD_JPY");
    }
}
