package io.fxpipeline.messaging.rest;

import io.fxpipeline.model.Pair;

import java.time.Instant;

/**
 * The parameters of every service's {@code GET /alerts}, checked once: {@code since} an ISO-8601 instant or absent
 * (the newest alerts), {@code pair} a pair name or absent, {@code limit} 1-1000 (default 100). Bad ones answer 400.
 */
public record AlertQuery(Instant since, Pair pair, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static AlertQuery of(String since, String pair, Integer limit) {
        return new AlertQuery(since == null ? null : Problems.instant("since", since),
                pair == null ? null : Problems.pair(pair), Problems.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }
}
