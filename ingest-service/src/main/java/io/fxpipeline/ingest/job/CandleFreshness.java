package io.fxpipeline.ingest.job;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.service.CandleSync;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.messaging.alert.SystemAlerts;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.market.MarketCalendar;
import io.fxpipeline.model.message.SystemAlert;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every minute: per pair the age of the newest stored candle's close in the feed's present (the replay clock or the
 * wall clock), as gauge {@code fx_ingest_candle_age_seconds{pair}}, and a {@code system_alerts} message when a pair
 * goes stale (more than {@link #STALE_BARS} bars of trading time behind, plus two steps of a replay's present:
 * weekends do not count) or fresh again.
 * Staleness is reported, never a readiness failure: restarting a pod does not bring a silent feed back.
 */
@ApplicationScoped
public class CandleFreshness {

    static final int STALE_BARS = 2;

    private final Pool pool;
    private final CandleRepository candles;
    private final CandleSync sync;
    private final IngestConfig config;
    private final MeterRegistry meters;
    private final SystemAlerts alerts;
    private final Map<Pair, double[]> ages = new ConcurrentHashMap<>();

    public CandleFreshness(Pool pool, CandleRepository candles, CandleSync sync, IngestConfig config, MeterRegistry meters,
            SystemAlerts alerts) {
        this.pool = pool;
        this.candles = candles;
        this.sync = sync;
        this.config = config;
        this.meters = meters;
        this.alerts = alerts;
    }

    /** A worker thread: a replay source may read its recording the first time its present is asked. */
    @Scheduled(identity = "candle-freshness", every = "${ingest.freshness-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotServing.class)
    void check() {
        check(sync.source().now());
    }

    /** Updates the ages and announces changes as of the feed's present {@code now}. */
    public void check(Instant now) {
        Duration bar = config.granularity().length();
        // a replay's present runs on between its ticks: a tick may be under way and the next one due
        Duration allowed = bar.multipliedBy(STALE_BARS).plus(sync.source().presentStep().multipliedBy(2));
        Map<Pair, Instant> newest = candles.newestPerPair(pool, config.pairs(), config.granularity())
                .await().atMost(Duration.ofSeconds(30));
        for (Pair pair : config.pairs()) {
            Instant open = newest.get(pair);
            if (open == null) {
                continue; // nothing stored yet: nothing to be stale against
            }
            Instant close = open.plus(bar);
            gauge(pair)[0] = Math.max(0, Duration.between(close, now).toMillis() / 1000.0);
            Duration behind = MarketCalendar.FX.openBetween(close, now);
            boolean stale = behind.compareTo(allowed) > 0;
            alerts.changed(stale ? SystemAlert.Kind.PAIR_STALE : SystemAlert.Kind.PAIR_FRESH, pair.name(),
                    "newest candle closed " + close + ", " + behind.toMinutes() + " min of trading time before " + now)
                    .await().atMost(Duration.ofSeconds(10));
        }
    }

    private double[] gauge(Pair pair) {
        return ages.computeIfAbsent(pair, p -> {
            double[] age = {Double.NaN};
            Gauge.builder("fx.ingest.candle.age.seconds", age, a -> a[0]).tag("pair", p.name())
                    .description("age of the newest stored candle's close in the feed's present").register(meters);
            return age;
        });
    }

    /** Only a serving ingest watches its feed. */
    @jakarta.inject.Singleton
    public static class NotServing implements Scheduled.SkipPredicate {

        private final IngestConfig config;

        public NotServing(IngestConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.serve();
        }
    }
}
