package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.codec.Checks;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * {@code system_alerts}: the health of the pipeline changed, announced on the change only: a job failed or recovered,
 * a pair went stale or fresh, OANDA rejected the token, a consumer's catch-up hole stayed open or closed, the replay
 * feed played its recording to the end.
 * {@code subject} is what it is about (a job name, a pair, a consumer's series); {@code message} says why.
 */
@RegisterForReflection
public record SystemAlert(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("service") String service,
        @JsonProperty("kind") Kind kind,
        @JsonProperty("subject") String subject,
        @JsonProperty("message") String message) implements Message {

    public static final String TYPE = "system_alert";
    /** The longest message the contract carries. */
    public static final int MAX_MESSAGE = 2000;

    /** What changed; the wire names are lower case. */
    @RegisterForReflection
    public enum Kind {
        @JsonProperty("job_failed") JOB_FAILED,
        @JsonProperty("job_recovered") JOB_RECOVERED,
        @JsonProperty("pair_stale") PAIR_STALE,
        @JsonProperty("pair_fresh") PAIR_FRESH,
        @JsonProperty("token_rejected") TOKEN_REJECTED,
        @JsonProperty("catchup_hole_open") CATCHUP_HOLE_OPEN,
        @JsonProperty("catchup_hole_closed") CATCHUP_HOLE_CLOSED,
        /** The replay feed played every recorded candle: no more will come (subject {@code feed}). */
        @JsonProperty("replay_ended") REPLAY_ENDED
    }

    public SystemAlert {
        Checks.required(ts, "ts");
        Checks.text(service, "service", 100);
        Checks.required(kind, "kind");
        Checks.text(subject, "subject", 200);
        if (message != null) {
            Checks.text(message, "message", MAX_MESSAGE);
        }
    }

    /**
     * A reason as the contract carries it: an upstream error can be longer than a message may be (its end is cut and
     * marked), and an empty one says nothing (null).
     */
    public static String fit(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        return reason.length() <= MAX_MESSAGE ? reason : reason.substring(0, MAX_MESSAGE - 1) + "\u2026";
    }

    @Override
    public String type() {
        return TYPE;
    }
}
