package io.fxpipeline.model;

/**
 * Redis pub/sub channel names and cache keys of the design. The prefix (empty in production) lets test
 * runs and side-by-side installations share one Redis without seeing each other's traffic.
 */
public record Channels(String prefix) {

    public static final String DATA_READY = "data_ready";
    public static final String PRICE_UPDATES = "price_updates";
    public static final String VOLATILITY_ALERTS = "volatility_alerts";
    public static final String CORRELATION_ALERTS = "correlation_alerts";
    public static final String REPLAY_REQUESTS = "replay_requests";
    public static final String SYSTEM_ALERTS = "system_alerts";
    /** The capped Redis Stream every alert is also appended to (XADD), for clients that were away. */
    public static final String ALERT_STREAM = "alerts";

    public Channels {
        prefix = prefix == null ? "" : prefix.strip();
    }

    public static Channels unprefixed() {
        return new Channels("");
    }

    public String dataReady() {
        return prefix + DATA_READY;
    }

    public String priceUpdates() {
        return prefix + PRICE_UPDATES;
    }

    public String volatilityAlerts() {
        return prefix + VOLATILITY_ALERTS;
    }

    public String correlationAlerts() {
        return prefix + CORRELATION_ALERTS;
    }

    public String replayRequests() {
        return prefix + REPLAY_REQUESTS;
    }

    public String systemAlerts() {
        return prefix + SYSTEM_ALERTS;
    }

    /** Stream key {@code alerts} (XADD MAXLEN ~ 10,000; read with XREAD). */
    public String alertStream() {
        return prefix + ALERT_STREAM;
    }

    /** Cache key {@code price:{PAIR}} (TTL 300 s by default). */
    public String priceKey(Pair pair) {
        return prefix + "price:" + pair.name();
    }

    /** Cache hash {@code metrics:{PAIR}} (TTL 3600 s by default). */
    public String metricsKey(Pair pair) {
        return prefix + "metrics:" + pair.name();
    }

    public String correlationMatrixKey() {
        return prefix + "correlation:matrix";
    }

    public String bestPairsKey() {
        return prefix + "correlation:best_pairs";
    }

    /** Claim of one replay request by the ingest replica that answers it ({@code replay:claim:{digest}}). */
    public String replayClaimKey(String requestDigest) {
        return prefix + "replay:claim:" + requestDigest;
    }

    /** The one sorted set of replay claims (member: request digest, score: expiry), bounded by ingest. */
    public String replayClaims() {
        return prefix + "replay:claims";
    }
}
