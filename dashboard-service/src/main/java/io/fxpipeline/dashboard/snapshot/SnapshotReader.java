package io.fxpipeline.dashboard.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fxpipeline.dashboard.StreamChannel;
import io.fxpipeline.dashboard.StreamMessage;
import io.fxpipeline.dashboard.config.DashboardConfig;
import io.fxpipeline.dashboard.relay.MessageClassifier;
import io.fxpipeline.dashboard.stream.StreamMetrics;
import io.fxpipeline.messaging.guard.RepeatedLog;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.PriceUpdate;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The current state from the cache keys the pipeline writes, as frames marked {@code "snapshot":true}: a metrics
 * message per pair from {@code metrics:{PAIR}}, the cached price message from {@code price:{PAIR}}, and for the
 * correlation channel the cached matrix ({@code type: correlation_matrix}) and ranking ({@code type: best_pairs}),
 * and for the alert channels the newest alerts of the capped Redis Stream {@code alerts}, oldest first, so a page
 * opened after an alert still shows it.
 */
@ApplicationScoped
public class SnapshotReader {

    public static final String MATRIX_TYPE = "correlation_matrix";
    public static final String BEST_PAIRS_TYPE = "best_pairs";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Set<StreamChannel> ALERT_CHANNELS =
            Set.of(StreamChannel.VOLATILITY_ALERTS, StreamChannel.CORRELATION_ALERTS, StreamChannel.SYSTEM);

    private final ReactiveRedisDataSource redis;
    private final Channels channels;
    private final MessageCodec codec;
    private final DashboardConfig config;
    private final Clock clock;
    private final SharedRead<List<StreamMessage>> correlation = new SharedRead<>(this::readCorrelation);
    private final SharedRead<List<StreamMessage>> allMetrics = new SharedRead<>(this::readMetrics);
    private final SharedRead<List<StreamMessage>> allPrices = new SharedRead<>(this::readPrices);
    private final SharedRead<List<StreamMessage>> recentAlerts = new SharedRead<>(this::readRecentAlerts);
    private final MessageClassifier classifier;
    private final StreamMetrics metrics;
    /** What a snapshot left out, logged once a minute per key: every subscriber would otherwise log it again. */
    private final RepeatedLog leftOut = new RepeatedLog(Duration.ofMinutes(1));

    public SnapshotReader(ReactiveRedisDataSource redis, Channels channels, MessageCodec codec, DashboardConfig config,
                          MessageClassifier classifier, StreamMetrics metrics) {
        this.redis = redis;
        this.metrics = metrics;
        this.channels = channels;
        this.codec = codec;
        this.config = config;
        this.clock = Clock.systemUTC();
        this.classifier = classifier;
    }

    /**
     * Snapshot frames of these channels for these pairs (empty: every tracked pair), in that order. The cache is read
     * for every tracked pair and filtered here, so concurrent subscribers share one read whatever their filters.
     */
    public Uni<List<StreamMessage>> read(Set<StreamChannel> wanted, Set<Pair> pairFilter) {
        List<Uni<List<StreamMessage>>> parts = new ArrayList<>();
        if (wanted.contains(StreamChannel.CORRELATION)) {
            parts.add(correlation());
        }
        if (wanted.contains(StreamChannel.METRICS)) {
            parts.add(allMetrics.get().map(frames -> only(frames, pairFilter)));
        }
        if (wanted.contains(StreamChannel.PRICES)) {
            parts.add(allPrices.get().map(frames -> only(frames, pairFilter)));
        }
        if (wanted.stream().anyMatch(ALERT_CHANNELS::contains) && config.stream().recentAlerts() > 0) {
            parts.add(recentAlerts.get().map(frames -> frames.stream()
                    .filter(f -> wanted.contains(f.channel()) && f.concernsAny(pairFilter)).toList()));
        }
        if (parts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.combine().all().unis(parts).with(lists -> {
            List<StreamMessage> all = new ArrayList<>();
            lists.forEach(l -> all.addAll(castList(l)));
            return all;
        });
    }

    /** The cached correlation matrix and best pairs, as sent after every new correlation run. */
    public Uni<List<StreamMessage>> correlation() {
        return correlation.get();
    }

    private static List<StreamMessage> only(List<StreamMessage> frames, Set<Pair> pairFilter) {
        return pairFilter.isEmpty() ? frames : frames.stream().filter(f -> f.concernsAny(pairFilter)).toList();
    }

    private Uni<List<StreamMessage>> readCorrelation() {
        return redis.value(String.class).mget(channels.correlationMatrixKey(), channels.bestPairsKey())
                .ifNoItem().after(TIMEOUT).fail()
                .map(values -> {
                    List<StreamMessage> frames = new ArrayList<>();
                    frame(values.get(channels.correlationMatrixKey()), MATRIX_TYPE, null)
                            .ifPresent(json -> frames.add(new StreamMessage(StreamChannel.CORRELATION, List.of(), json)));
                    frame(values.get(channels.bestPairsKey()), BEST_PAIRS_TYPE, "best_pairs")
                            .ifPresent(json -> frames.add(new StreamMessage(StreamChannel.CORRELATION, List.of(), json)));
                    return frames;
                });
    }

    /**
     * The newest entries of the alerts stream, oldest first; an entry that breaks the contract is logged and left out.
     * Not readable (a Redis user without XREVRANGE on it): none, so the cache's part of the snapshot still goes out.
     */
    private Uni<List<StreamMessage>> readRecentAlerts() {
        return redis.stream(String.class).xrevrange(channels.alertStream(), StreamRange.of("+", "-"),
                        config.stream().recentAlerts())
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> {
                    leftOut.warn("unreadable " + channels.alertStream(), "recent alerts not read from "
                            + channels.alertStream() + ": " + failure);
                    return List.of();
                })
                .map(entries -> {
                    List<StreamMessage> frames = new ArrayList<>();
                    for (int i = entries.size() - 1; i >= 0; i--) {
                        var entry = entries.get(i);
                        alertFrame(entry.id(), entry.payload()).ifPresent(frames::add);
                    }
                    return frames;
                });
    }

    /** The entry's message on the alert channel its own type names (the codec decides, as for a live message). */
    private Optional<StreamMessage> alertFrame(String id, Map<String, String> fields) {
        try {
            String payload = fields.get("message");
            if (payload == null) {
                throw new MalformedMessageException("message", "missing");
            }
            StreamMessage alert = classifier.classify(ALERT_CHANNELS, payload).orElseThrow();
            return Optional.of(new StreamMessage(alert.channel(), alert.pairs(), markSnapshot(payload)));
        } catch (RuntimeException e) {
            metrics.rejected(channels.alertStream());
            leftOut.warn("alert " + id, "alert " + id + " of " + channels.alertStream() + " not usable for a snapshot: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private Uni<List<StreamMessage>> readMetrics() {
        return metrics(config.pairs());
    }

    private Uni<List<StreamMessage>> readPrices() {
        return prices(config.pairs());
    }

    private Uni<List<StreamMessage>> metrics(Collection<Pair> pairs) {
        if (pairs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Optional<StreamMessage>>> reads = pairs.stream()
                .map(pair -> redis.hash(String.class).hgetall(channels.metricsKey(pair))
                        .ifNoItem().after(TIMEOUT).fail()
                        .map(fields -> metricsFrame(pair, fields)))
                .toList();
        return Uni.combine().all().unis(reads).with(results -> results.stream()
                .map(r -> (Optional<?>) r).filter(Optional::isPresent).map(o -> (StreamMessage) o.get()).toList());
    }

    private Uni<List<StreamMessage>> prices(Collection<Pair> pairs) {
        if (pairs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] keys = pairs.stream().map(channels::priceKey).toArray(String[]::new);
        return redis.value(String.class).mget(keys).ifNoItem().after(TIMEOUT).fail()
                .map(values -> pairs.stream().flatMap(pair -> priceFrame(pair, values.get(channels.priceKey(pair))).stream())
                        .toList());
    }

    private Optional<StreamMessage> metricsFrame(Pair pair, Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            VolatilityMetrics m = new VolatilityMetrics(Instant.parse(fields.get("time")), number(fields, "close"),
                    number(fields, "hv_20"), number(fields, "hv_50"), number(fields, "sma_15"), number(fields, "sma_30"),
                    number(fields, "sma_50"), number(fields, "bb_upper"), number(fields, "bb_middle"),
                    number(fields, "bb_lower"), number(fields, "atr_14"));
            String json = codec.encode(MetricsReady.of(clock.instant(), pair, config.granularity(), List.of(m)));
            return Optional.of(new StreamMessage(StreamChannel.METRICS, List.of(pair), markSnapshot(json)));
        } catch (RuntimeException e) {
            leftOut.warn(channels.metricsKey(pair), "cache " + channels.metricsKey(pair) + " not usable for a snapshot: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<StreamMessage> priceFrame(Pair pair, String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            codec.decode(json, PriceUpdate.class);
            return Optional.of(new StreamMessage(StreamChannel.PRICES, List.of(pair), markSnapshot(json)));
        } catch (RuntimeException e) {
            leftOut.warn(channels.priceKey(pair), "cache " + channels.priceKey(pair) + " not usable for a snapshot: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A cached JSON value as a frame: {@code v}, {@code type} and {@code snapshot} first, then the value's fields
     * (an array value goes under {@code field}).
     */
    private Optional<String> frame(String cached, String type, String field) {
        if (cached == null) {
            return Optional.empty();
        }
        try {
            JsonNode value = codec.mapper().readTree(cached);
            ObjectNode node = codec.mapper().createObjectNode().put("v", 1).put("type", type).put("snapshot", true);
            if (field != null && value.isArray()) {
                node.set(field, value);
            } else if (field == null && value.isObject()) {
                node.setAll((ObjectNode) value);
            } else {
                throw new IllegalArgumentException("unexpected JSON shape");
            }
            return Optional.of(codec.mapper().writeValueAsString(node));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            leftOut.warn("cached " + type, "cached " + type + " not usable for a snapshot: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The channel's own JSON with {@code "snapshot":true} added as its last field. */
    public static String markSnapshot(String json) {
        String trimmed = json.stripTrailing();
        if (!trimmed.endsWith("}") || trimmed.length() < 2) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return trimmed.substring(0, trimmed.length() - 1) + ",\"snapshot\":true}";
    }

    private static Double number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? null : Double.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static List<StreamMessage> castList(Object list) {
        return (List<StreamMessage>) list;
    }
}
