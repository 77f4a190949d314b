package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.Checks;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * {@code replay_requests}: a consumer asks ingest to re-publish candles of these pairs, either those stored
 * after sequence number {@code since_seq} (exact catch-up after a gap) or those with open time at or after
 * {@code since} (start-up catch-up); with neither, everything ingest holds.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayRequest(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("requester") String requester,
        @JsonProperty("pairs") List<Pair> pairs,
        @JsonProperty("granularity") Granularity granularity,
        @JsonProperty("since") Instant since,
        @JsonProperty("since_seq") Long sinceSeq) implements Message {

    public static final String TYPE = "replay_request";

    public ReplayRequest {
        Checks.required(ts, "ts");
        Checks.text(requester, "requester", 100);
        pairs = Checks.nonEmpty(pairs, "pairs");
        Checks.required(granularity, "granularity");
        if (sinceSeq != null) {
            Checks.nonNegative(sinceSeq, "since_seq");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
