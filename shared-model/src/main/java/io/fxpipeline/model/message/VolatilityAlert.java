package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.codec.Checks;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** {@code volatility_alerts}: a pair's HV20 entered a severity; {@code time} is the candle that did it. */
@RegisterForReflection
public record VolatilityAlert(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("pair") Pair pair,
        @JsonProperty("granularity") Granularity granularity,
        @JsonProperty("volatility") Double volatility,
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("time") Instant time) implements Message {

    public static final String TYPE = "volatility_alert";

    public VolatilityAlert {
        Checks.required(ts, "ts");
        Checks.required(pair, "pair");
        Checks.required(granularity, "granularity");
        Checks.finite(volatility, "volatility");
        Checks.finite(threshold, "threshold");
        Checks.required(severity, "severity");
        Checks.required(time, "time");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
