package io.fxpipeline.dashboard.security;

import io.fxpipeline.dashboard.config.DashboardConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * {@code DASHBOARD_TOKEN}: when set, a request must present it as {@code Authorization: Bearer <token>} or
 * {@code ?token=<token>} (browsers cannot set headers on a WebSocket). Compared in constant time on SHA-256 digests,
 * so neither content nor length leaks through timing; the token is never logged.
 */
@ApplicationScoped
public class DashboardToken {

    private final Optional<byte[]> expectedDigest;

    public DashboardToken(DashboardConfig config) {
        this.expectedDigest = config.stream().token().map(DashboardToken::digest);
    }

    public boolean required() {
        return expectedDigest.isPresent();
    }

    /** Whether the request may pass: no token configured, or the right one presented. */
    public boolean admits(HttpServerRequest request) {
        if (expectedDigest.isEmpty()) {
            return true;
        }
        return presented(request).map(t -> MessageDigest.isEqual(expectedDigest.get(), digest(t))).orElse(false);
    }

    private static Optional<String> presented(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip());
        }
        return Optional.ofNullable(request.getParam("token"));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
