package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.codec.Checks;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** {@code correlation_alerts}: two pairs entered |r| ≥ threshold, or flipped sign while there. */
@RegisterForReflection
public record CorrelationAlert(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("pair_a") Pair pairA,
        @JsonProperty("pair_b") Pair pairB,
        @JsonProperty("correlation") Double correlation,
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("as_of") Instant asOf) implements Message {

    public static final String TYPE = "correlation_alert";

    public CorrelationAlert {
        Checks.required(ts, "ts");
        Checks.required(pairA, "pair_a");
        Checks.required(pairB, "pair_b");
        if (pairA.equals(pairB)) {
            throw new MalformedMessageException("pair_b", "equals pair_a");
        }
        if (Checks.finite(correlation, "correlation") < -1 || correlation > 1) {
            throw new MalformedMessageException("correlation", "must lie in [-1, 1], was " + correlation);
        }
        Checks.finite(threshold, "threshold");
        Checks.required(severity, "severity");
        Checks.required(asOf, "as_of");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
