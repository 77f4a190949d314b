package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.codec.Checks;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * The metrics of one candle (definitions in docs/indicators.md). A metric whose window is not yet full is null,
 * never 0; {@code hv_*} are annualised decimal fractions.
 */
@RegisterForReflection
public record VolatilityMetrics(
        @JsonProperty("time") Instant time,
        @JsonProperty("close") Double close,
        @JsonProperty("hv_20") Double hv20,
        @JsonProperty("hv_50") Double hv50,
        @JsonProperty("sma_15") Double sma15,
        @JsonProperty("sma_30") Double sma30,
        @JsonProperty("sma_50") Double sma50,
        @JsonProperty("bb_upper") Double bbUpper,
        @JsonProperty("bb_middle") Double bbMiddle,
        @JsonProperty("bb_lower") Double bbLower,
        @JsonProperty("atr_14") Double atr14) {

    public VolatilityMetrics {
        Checks.required(time, "time");
        Checks.finite(close, "close");
        Checks.finiteOrNull(hv20, "hv_20");
        Checks.finiteOrNull(hv50, "hv_50");
        Checks.finiteOrNull(sma15, "sma_15");
        Checks.finiteOrNull(sma30, "sma_30");
        Checks.finiteOrNull(sma50, "sma_50");
        Checks.finiteOrNull(bbUpper, "bb_upper");
        Checks.finiteOrNull(bbMiddle, "bb_middle");
        Checks.finiteOrNull(bbLower, "bb_lower");
        Checks.finiteOrNull(atr14, "atr_14");
    }
}
