package io.fxpipeline.ingest.feed.oanda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Optional;

/**
 * An OANDA answer that is not a success. {@link Retryable} (429, 5xx) may be retried with backoff; every other
 * status fails fast, as docs/oanda-v20.md §6 prescribes. Messages carry OANDA's {@code errorMessage} and
 * {@code RequestID}, never request headers.
 */
public class OandaException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    private final int status;
    private final String requestId;

    public OandaException(int status, String message, String requestId) {
        // OANDA's or a proxy's text is scrubbed here, once, so no log, job_runs row or GET /jobs answer repeats a token.
        super(io.fxpipeline.messaging.guard.Secrets.scrub("OANDA answered " + status + ": " + message
                + (requestId == null ? "" : " (RequestID " + requestId + ")")));
        this.status = status;
        this.requestId = requestId;
    }

    public int status() {
        return status;
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** 429 and 5xx: worth another try; {@link #retryAfter()} is OANDA's Retry-After when it sent one. */
    public static class Retryable extends OandaException {

        private final Duration retryAfter;

        public Retryable(int status, String message, String requestId, Duration retryAfter) {
            super(status, message, requestId);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** 4xx other than 429: our request or token is wrong; retrying cannot help. */
    public static class Rejected extends OandaException {

        public Rejected(int status, String message, String requestId) {
            super(status, message, requestId);
        }
    }

    static OandaException from(Response response) {
        int status = response.getStatus();
        String requestId = response.getHeaderString("RequestID");
        String message = errorMessage(response);
        if (status == 429 || status >= 500) {
            return new Retryable(status, message, requestId, retryAfter(response.getHeaderString("Retry-After")));
        }
        return new Rejected(status, message, requestId);
    }

    private static String errorMessage(Response response) {
        String body;
        try {
            body = response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            body = "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.path("errorMessage").isTextual()) {
                String code = node.path("errorCode").isTextual() ? " [" + node.get("errorCode").asText() + "]" : "";
                return truncate(node.get("errorMessage").asText()) + code;
            }
        } catch (Exception notJson) {
            // fall through: report the status alone
        }
        return body.isBlank() ? "(no error message)" : "(unexpected body: " + truncate(body) + ")";
    }

    /** Retry-After in seconds (the HTTP-date form is rare for APIs; treated as absent). */
    static Duration retryAfter(String header) {
        if (header == null || !header.trim().matches("\\d{1,5}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(header.trim()));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
    }
}
