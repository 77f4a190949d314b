package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.Checks;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * {@code data_ready} type {@code correlation}: a new matrix is stored and cached. {@code count} is the number of
 * distinct off-diagonal entries with a value; {@code best_pairs} the length of the ranked list.
 */
@RegisterForReflection
public record CorrelationReady(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("as_of") Instant asOf,
        @JsonProperty("window") Integer window,
        @JsonProperty("pairs") List<Pair> pairs,
        @JsonProperty("count") Integer count,
        @JsonProperty("best_pairs") Integer bestPairs) implements Message {

    public static final String TYPE = "correlation";

    public CorrelationReady {
        Checks.required(ts, "ts");
        Checks.required(asOf, "as_of");
        if (Checks.required(window, "window") < 2) {
            throw new MalformedMessageException("window", "must be at least 2, was " + window);
        }
        pairs = Checks.nonEmpty(pairs, "pairs");
        int max = pairs.size() * (pairs.size() - 1) / 2;
        if (Checks.required(count, "count") < 0 || count > max) {
            throw new MalformedMessageException("count", "must be 0 to " + max + " for " + pairs.size() + " pairs");
        }
        if (Checks.required(bestPairs, "best_pairs") < 0 || bestPairs > max) {
            throw new MalformedMessageException("best_pairs", "must be 0 to " + max);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
