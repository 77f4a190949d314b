package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.Checks;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/** {@code data_ready} type {@code metrics}: metric rows analytics has just stored for one pair. */
@RegisterForReflection
public record MetricsReady(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("pair") Pair pair,
        @JsonProperty("granularity") Granularity granularity,
        @JsonProperty("metrics") List<VolatilityMetrics> metrics,
        @JsonProperty("count") Integer count) implements Message {

    public static final String TYPE = "metrics";

    public MetricsReady {
        Checks.required(ts, "ts");
        Checks.required(pair, "pair");
        Checks.required(granularity, "granularity");
        metrics = Checks.nonEmpty(metrics, "metrics");
        Checks.countMatches(count, metrics.size());
    }

    public static MetricsReady of(Instant ts, Pair pair, Granularity granularity, List<VolatilityMetrics> metrics) {
        return new MetricsReady(ts, pair, granularity, metrics, metrics.size());
    }

    @Override
    public String type() {
        return TYPE;
    }
}
