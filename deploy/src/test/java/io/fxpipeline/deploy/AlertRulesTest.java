package io.fxpipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Prometheus rules: every rule is complete (alert, expression, severity, summary) and uses only metrics
 * the services export (their names are asserted on /q/metrics by the services' own tests).
 */
class AlertRulesTest {

    /**
     * Exported by fx-messaging's JobSignals (every service), its AlertAnnouncer (analytics, correlation) and ingest's
     * CandleFreshness.
     */
    static final Set<String> EXPORTED = Set.of("fx_job_consecutive_failures", "fx_job_last_success_seconds",
            "fx_job_last_duration_seconds", "fx_ingest_candle_age_seconds", "fx_alerts_unannounced");

    @Test
    void everyRuleIsCompleteAndUsesExportedMetrics() throws Exception {
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(Repo.root().resolve("deploy/k8s/base/prometheus/fx-alerts.rules.yml").toFile());
        Set<String> used = new HashSet<>();
        int count = 0;
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                count++;
                assertThat(rule.path("alert").asText()).matches("Fx[A-Za-z]+");
                assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
                Matcher m = Pattern.compile("\\bfx_[a-z_]+").matcher(rule.path("expr").asText());
                assertThat(m.find()).as("%s uses a metric", rule.path("alert")).isTrue();
                do {
                    used.add(m.group());
                } while (m.find());
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(5);
        assertThat(EXPORTED).containsAll(used);
        assertThat(used).contains("fx_job_consecutive_failures", "fx_ingest_candle_age_seconds");
    }
}
