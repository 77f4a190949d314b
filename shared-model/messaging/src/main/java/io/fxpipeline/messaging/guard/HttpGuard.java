package io.fxpipeline.messaging.guard;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP trust boundary every service shares, in front of every route: a per-client rate limit (429 with
 * Retry-After) and the admin token on every write (any method but GET, HEAD, OPTIONS). Writes need
 * {@code Authorization: Bearer <FX_ADMIN_TOKEN>}, compared in constant time; without a token they are refused
 * (403) unless {@code FX_ADMIN_OPEN=true} opens them for a local run. Health probes are never limited: a throttled
 * liveness probe would restart a healthy pod.
 */
@ApplicationScoped
public class HttpGuard {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /** Before Quarkus's own routes (REST, /q/*), which use the default order 0 and above. */
    private static final int ORDER = -1000;
    private static final int MAX_CLIENTS = 10_000;

    private final Optional<String> adminToken;
    private final boolean adminOpen;
    private final RateLimiter limiter;
    private final byte[] tokenDigest;

    public HttpGuard(GuardConfig config) {
        this.adminToken = config.adminToken().map(String::strip).filter(t -> !t.isEmpty());
        this.adminOpen = config.adminOpen();
        this.limiter = new RateLimiter(config.rateLimit(), config.rateLimitPeriod(), MAX_CLIENTS);
        this.tokenDigest = this.adminToken.map(HttpGuard::digest).orElse(null);
        this.adminToken.ifPresent(Secrets::register);
    }

    void onStart(@Observes StartupEvent event) {
        if (adminToken.isPresent()) {
            Log.info("write endpoints need the admin token (FX_ADMIN_TOKEN)");
        } else if (adminOpen) {
            Log.warn("write endpoints are OPEN to anyone who can reach this port (FX_ADMIN_OPEN=true, local runs only)");
        } else {
            Log.warn("write endpoints are refused: FX_ADMIN_TOKEN is empty (set it, or FX_ADMIN_OPEN=true for a local run)");
        }
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.startsWith("/q/health")) {
            Optional<Duration> wait = limiter.tryAcquire(client(ctx));
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                ctx.response().putHeader("Retry-After", String.valueOf(seconds));
                problem(ctx, 429, "Too many requests", "this client exceeded its request rate; retry in " + seconds + " s");
                return;
            }
        }
        if (!READS.contains(ctx.request().method()) && !admitted(ctx)) {
            return;
        }
        ctx.next();
    }

    /** The rate-limit key: the peer address (behind a proxy, Quarkus's proxy settings make it the client's). */
    private static String client(RoutingContext ctx) {
        var address = ctx.request().remoteAddress();
        return address == null ? "unknown" : address.host();
    }

    private boolean admitted(RoutingContext ctx) {
        if (tokenDigest == null) {
            if (adminOpen) {
                return true;
            }
            problem(ctx, 403, "Forbidden", "write endpoints are disabled: the service has no FX_ADMIN_TOKEN");
            return false;
        }
        String header = ctx.request().getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        // digests have one length, so the comparison takes the same time whatever was presented
        if (MessageDigest.isEqual(tokenDigest, digest(presented))) {
            return true;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        problem(ctx, 401, "Unauthorized", header == null ? "this endpoint needs Authorization: Bearer <admin token>"
                : "the admin token is not valid");
        return false;
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
