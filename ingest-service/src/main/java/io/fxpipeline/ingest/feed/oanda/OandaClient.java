package io.fxpipeline.ingest.feed.oanda;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Calls OANDA v20 with the token from {@code OANDA_API_KEY}: at most {@link #MAX_CONNECTIONS} kept-alive connections,
 * new ones opened at most {@link #NEW_CONNECTIONS_PER_SECOND} a second ({@link ConnectionPacer}, docs/oanda-v20.md §7),
 * a timeout per attempt, and retries with exponential backoff and jitter for 429/5xx/timeouts/resets only
 * (honouring Retry-After, {@link OandaBackoff}); 4xx answers fail at once with OANDA's message.
 * <p>
 * A slow answer fails first with the client's read timeout ({@code fx.oanda.read-timeout}, 15 s, below the 20 s
 * {@code @Timeout}): Vert.x reports it as {@code io.vertx.core.impl.NoStackTraceTimeoutException}, a
 * {@link TimeoutException}, hence that type in {@code retryOn}. A connection closed mid-answer surfaces as
 * {@link HttpClosedException} or an {@link java.io.IOException}.
 */
@ApplicationScoped
public class OandaClient {

    /** OANDA's cap on {@code count}. */
    public static final int MAX_COUNT = 5000;
    /** The connection pool's size, and so the most requests in flight (HTTP/1.1, no pipelining). */
    static final int MAX_CONNECTIONS = 4;
    /** OANDA's best practice (docs/oanda-v20.md §7). */
    static final int NEW_CONNECTIONS_PER_SECOND = 2;
    /**
     * The span in which at most {@link #NEW_CONNECTIONS_PER_SECOND} connections open: a second, plus a margin so that
     * the time a connect takes never lands a third opening within one second at OANDA's end.
     */
    static final Duration OPENING_WINDOW = Duration.ofMillis(1100);
    /** How long an idle connection stays in the pool: longer than the minute between price polls, so they reuse it. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(90);

    private final IngestConfig config;
    private final ConnectionPacer pacer;
    private final TokenRejections rejections;
    private volatile OandaApi api;

    public OandaClient(IngestConfig config, Vertx vertx, TokenRejections rejections) {
        this.config = config;
        this.rejections = rejections;
        this.pacer = new ConnectionPacer(MAX_CONNECTIONS, NEW_CONNECTIONS_PER_SECOND, OPENING_WINDOW, System::nanoTime,
                (delay, task) -> vertx.setTimer(Math.max(1, delay.toMillis() + 1), id -> task.run()));
        config.oanda().apiKey().ifPresent(io.fxpipeline.messaging.guard.Secrets::register);
    }

    /** The REST host: an explicit base URL (a stub, a proxy) or the practice/live host. */
    public URI baseUrl() {
        return config.oanda().baseUrl().orElseGet(() -> URI.create(switch (config.oanda().environment()) {
            case practice -> "https://api-fxpractice.oanda.com";
            case live -> "https://api-fxtrade.oanda.com";
        }));
    }

    /**
     * Mid candles starting with the one covering {@code from} (or after it, without {@code includeFirst}).
     * Each attempt is timed out on its own, its wait for a connection included (as long as another request's answer,
     * or until the next opening is allowed); the waits between attempts ({@link OandaBackoff}: Retry-After or
     * exponential backoff) are not part of any attempt, and {@code maxDuration} leaves room for a 60 s Retry-After
     * after several slow attempts.
     */
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 4, delay = 300, maxDuration = 180_000, retryOn = {OandaException.Retryable.class,
            java.io.IOException.class, TimeoutException.class, HttpClosedException.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class},
            abortOn = OandaException.Rejected.class)
    @CustomBackoff(OandaBackoff.class)
    public Uni<String> candles(Pair pair, Granularity granularity, Instant from, int count, boolean includeFirst) {
        if (count < 1 || count > MAX_COUNT) {
            return Uni.createFrom().failure(new IllegalArgumentException("count must be 1 to " + MAX_COUNT));
        }
        return authorization().chain(auth -> pacer.paced(() -> api().candles(auth, pair.name(), granularity.name(),
                "M", from == null ? null : from.toString(), count, from == null || includeFirst ? null : Boolean.FALSE)))
                .onFailure().invoke(rejections::observe);
    }

    /** Current prices of the pairs (one request for all); retried like {@link #candles}, fewer times (maxDuration 180 s). */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, retryOn = {OandaException.Retryable.class,
            java.io.IOException.class, TimeoutException.class, HttpClosedException.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class},
            abortOn = OandaException.Rejected.class)
    @CustomBackoff(OandaBackoff.class)
    public Uni<String> pricing(List<Pair> pairs) {
        String account = config.oanda().accountId().orElse(null);
        if (account == null || account.isBlank()) {
            return Uni.createFrom().failure(new OandaException.Rejected(0,
                    "OANDA_ACCOUNT_ID is not set; prices need an account", null));
        }
        String instruments = pairs.stream().map(Pair::name).collect(Collectors.joining(","));
        return authorization().chain(auth -> pacer.paced(() -> api().pricing(auth, account, instruments)))
                .onFailure().invoke(rejections::observe);
    }

    /** Connections of the pool open now (for tests of the pacing). */
    int openConnections() {
        return pacer.liveConnections();
    }

    private Uni<String> authorization() {
        String token = config.oanda().apiKey().orElse("");
        if (token.isBlank()) {
            return Uni.createFrom().failure(new OandaException.Rejected(0,
                    "OANDA_API_KEY is not set; the oanda feed needs a personal access token", null));
        }
        return Uni.createFrom().item("Bearer " + token);
    }

    private OandaApi api() {
        OandaApi current = api;
        if (current == null) {
            synchronized (this) {
                if (api == null) {
                    api = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(baseUrl())
                            .connectTimeout(5, TimeUnit.SECONDS)
                            .readTimeout(config.oanda().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            // A bounded pool of kept-alive connections (the REST client's own settings); the pacer
                            // keeps requests within it and its openings at 2 a second, and learns which connection
                            // each request runs on here.
                            .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, MAX_CONNECTIONS)
                            .property(QuarkusRestClientProperties.KEEP_ALIVE_ENABLED, true)
                            .property(QuarkusRestClientProperties.CONNECTION_TTL, (int) KEEP_ALIVE.toSeconds())
                            .httpClientRequestCustomizer(request -> pacer.seen(request.connection()))
                            .loggingMaskedHeaders(java.util.Set.of("Authorization"))
                            .build(OandaApi.class);
                }
                current = api;
            }
        }
        return current;
    }
}
