package io.fxpipeline.analytics.service;

import io.fxpipeline.analytics.metrics.MetricsCalculator;
import io.fxpipeline.analytics.metrics.Ohlc;
import io.fxpipeline.analytics.store.AnalyticsRepository;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.fxpipeline.testing.ChannelRecorder;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the pipeline tests share: candles published on data_ready, recorders of this run's channels, the rows stored and
 * the calculator's rows.
 */
@ApplicationScoped
class PipelineFeed {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant END = Instant.parse("2030-01-01T00:00:00Z");

    private final ReactiveRedisDataSource redis;
    private final AnalyticsRepository repository;
    private final Channels channels;
    private final String redisHosts;
    private final MessageCodec codec = new MessageCodec();
    private final MetricsCalculator calculator = new MetricsCalculator(6240);

    PipelineFeed(ReactiveRedisDataSource redis, AnalyticsRepository repository,
            @ConfigProperty(name = "fx.prefix") String prefix, @ConfigProperty(name = "quarkus.redis.hosts") String redisHosts) {
        this.redis = redis;
        this.repository = repository;
        this.channels = new Channels(prefix);
        this.redisHosts = redisHosts;
    }

    /** This test run's channels and cache keys. */
    Channels channels() {
        return channels;
    }

    /** Records {@code channel} from now on, on a connection of its own; close it when done. */
    ChannelRecorder record(String channel) {
        return ChannelRecorder.subscribe(redisHosts, channel);
    }

    static BigDecimal price(double v) {
        return BigDecimal.valueOf(v).setScale(5, RoundingMode.HALF_EVEN);
    }

    /** A live candles message of {@code pair} with sequence number {@code seq}. */
    void send(Pair pair, long seq, List<Candle> candles) {
        redis.pubsub(String.class).publish(channels.dataReady(),
                codec.encode(CandlesReady.live(Instant.now(), pair, Granularity.H1, seq, candles))).await().atMost(WAIT);
    }

    List<VolatilityMetrics> stored(Pair pair) {
        return repository.metrics(pair, Granularity.H1, Instant.EPOCH, END, 5000).await().atMost(WAIT);
    }

    /** The calculator's rows for the whole series, as a recompute from scratch gives them. */
    List<VolatilityMetrics> expected(List<Candle> candles) {
        return calculator.computeAll(candles.stream().map(Ohlc::of).toList());
    }
}
