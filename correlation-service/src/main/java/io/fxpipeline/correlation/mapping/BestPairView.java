package io.fxpipeline.correlation.mapping;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.correlation.BestPair;

/** One ranked pair on the wire and in the cache. */
public record BestPairView(
        @JsonProperty("rank") int rank,
        @JsonProperty("pair_a") String pairA,
        @JsonProperty("pair_b") String pairB,
        @JsonProperty("correlation") double correlation,
        @JsonProperty("category") String category,
        @JsonProperty("observations") int observations,
        @JsonProperty("reason") String reason) {

    public static BestPairView of(BestPair b) {
        return new BestPairView(b.rank(), b.pairA().name(), b.pairB().name(), b.correlation(),
                b.category().wireName(), b.observations(), b.reason());
    }
}
