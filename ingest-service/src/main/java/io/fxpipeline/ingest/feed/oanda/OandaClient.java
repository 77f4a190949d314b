package io.fxpipeline.ingest.feed.oanda;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Calls OANDA v20 with the token from {@code OANDA_API_KEY}: bounded concurrency on one keep-alive pool,
 * a timeout per call, and retries with exponential backoff and jitter for 429/5xx/timeouts only (honouring
 * Retry-After); 4xx answers fail at once with OANDA's message.
 */
@ApplicationScoped
public class OandaClient {

    /** OANDA's cap on {@code count}. */
    public static final int MAX_COUNT = 5000;
    static final int MAX_IN_FLIGHT = 8;

    private final IngestConfig config;
    private volatile OandaApi api;

    public OandaClient(IngestConfig config) {
        this.config = config;
    }

    /** The REST host: an explicit base URL (a stub, a proxy) or the practice/live host. */
    public URI baseUrl() {
        return config.oanda().baseUrl().orElseGet(() -> URI.create(switch (config.oanda().environment()) {
            case practice -> "https://api-fxpractice.oanda.com";
            case live -> "https://api-fxtrade.oanda.com";
        }));
    }

    /** Mid candles starting with the one covering {@code from} (or after it, without {@code includeFirst}). */
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 4, delay = 300, jitter = 150, maxDuration = 120_000,
            retryOn = {OandaException.Retryable.class, java.io.IOException.class,
                    io.vertx.core.http.HttpClosedException.class,
                    org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class},
            abortOn = OandaException.Rejected.class)
    @ExponentialBackoff(maxDelay = 10_000)
    @Bulkhead(value = MAX_IN_FLIGHT, waitingTaskQueue = 1000)
    public Uni<String> candles(Pair pair, Granularity granularity, Instant from, int count, boolean includeFirst) {
        if (count < 1 || count > MAX_COUNT) {
            return Uni.createFrom().failure(new IllegalArgumentException("count must be 1 to " + MAX_COUNT));
        }
        return authorization().chain(auth -> api().candles(auth, pair.name(), granularity.name(), "M",
                        from == null ? null : from.toString(), count, from == null || includeFirst ? null : Boolean.FALSE))
                .onFailure(OandaException.Retryable.class).call(OandaClient::waitRetryAfter);
    }

    /** Current prices of the pairs (one request for all). */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 150,
            retryOn = {OandaException.Retryable.class, java.io.IOException.class,
                    org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class},
            abortOn = OandaException.Rejected.class)
    public Uni<String> pricing(List<Pair> pairs) {
        String account = config.oanda().accountId().orElse(null);
        if (account == null || account.isBlank()) {
            return Uni.createFrom().failure(new OandaException.Rejected(0,
                    "OANDA_ACCOUNT_ID is not set; prices need an account", null));
        }
        String instruments = pairs.stream().map(Pair::name).collect(Collectors.joining(","));
        return authorization().chain(auth -> api().pricing(auth, account, instruments))
                .onFailure(OandaException.Retryable.class).call(OandaClient::waitRetryAfter);
    }

    private Uni<String> authorization() {
        String token = config.oanda().apiKey().orElse("");
        if (token.isBlank()) {
            return Uni.createFrom().failure(new OandaException.Rejected(0,
                    "OANDA_API_KEY is not set; the oanda feed needs a personal access token", null));
        }
        return Uni.createFrom().item("Bearer " + token);
    }

    /** Delays the failure by Retry-After, so the next attempt honours OANDA's wish. */
    private static Uni<Void> waitRetryAfter(Throwable failure) {
        return ((OandaException.Retryable) failure).retryAfter()
                .map(wait -> Uni.createFrom().voidItem().onItem().delayIt().by(wait))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private OandaApi api() {
        OandaApi current = api;
        if (current == null) {
            synchronized (this) {
                if (api == null) {
                    api = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(baseUrl())
                            .connectTimeout(5, TimeUnit.SECONDS)
                            .readTimeout(15, TimeUnit.SECONDS)
                            // keep-alive is the client's default; the bulkhead keeps in-flight calls (and so
                            // connections) at MAX_IN_FLIGHT, far below OANDA's 2 new connections a second.
                            .loggingMaskedHeaders(java.util.Set.of("Authorization"))
                            .build(OandaApi.class);
                }
                current = api;
            }
        }
        return current;
    }
}
