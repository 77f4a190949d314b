package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.service.CandleIngestion;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.messaging.alert.SystemAlerts;
import io.fxpipeline.messaging.guard.RepeatedLog;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.SystemAlert;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays recorded candles as if they were happening now: each tick, every candle whose hour has ended on the
 * virtual clock is stored and announced through {@link CandleIngestion}, exactly like the OANDA feed's.
 * Active when {@code FX_FEED=replay} and {@code FX_REPLAY_DIR} is set.
 */
@ApplicationScoped
public class RecordedFeed {

    /** How often the feed stores what closed by its clock ({@link #tick}). */
    static final Duration TICK = Duration.ofSeconds(1);
    /** Pairs stored at once by a tick: independent series, each still in order (one series is one chain). */
    public static final int CONCURRENCY = 4;

    private final IngestConfig config;
    private final CandleIngestion ingestion;
    private final RecordedHistory history;
    private final Map<Pair, List<Candle>> recorded = new LinkedHashMap<>();
    private final Map<Pair, Integer> played = new ConcurrentHashMap<>();
    private volatile RecordedClock clock;
    /** The close of the newest recorded candle: the feed's present stops there. */
    private volatile Instant end;
    private volatile boolean ended;
    private final RepeatedLog storeFailures = new RepeatedLog(Duration.ofMinutes(1));

    private final Pool pool;
    private final CandleRepository candles;
    private final SystemAlerts alerts;

    public RecordedFeed(IngestConfig config, CandleIngestion ingestion, RecordedHistory history, Pool pool,
            CandleRepository candles, SystemAlerts alerts) {
        this.pool = pool;
        this.candles = candles;
        this.config = config;
        this.ingestion = ingestion;
        this.history = history;
        this.alerts = alerts;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.serve() || config.feed() != IngestConfig.FeedKind.replay || !history.configured()) {
            return;
        }
        // Start-up, not the event loop: reading a few MB of CSV once is fine here.
        recorded.putAll(history.candles());
        Instant configured = config.replay().start().orElseGet(() -> history.start().orElse(Instant.EPOCH));
        // A restart resumes after what is stored instead of re-playing stored hours from the configured start.
        Map<Pair, Instant> newest = candles.newestPerPair(pool, List.copyOf(recorded.keySet()), config.granularity())
                .await().atMost(Duration.ofSeconds(30));
        ResumePoint resume = ResumePoint.of(configured, recorded, newest, config.granularity());
        played.putAll(resume.played());
        Instant start = resume.clockStart();
        end = history.end().orElse(Instant.MAX);
        clock = new RecordedClock(start, config.replay().speed(), Clock.systemUTC());
        Log.infof("replay: %d pairs from %s, starting at %s, %.0f market seconds per second", recorded.size(),
                config.replay().dir().get(), start, config.replay().speed());
    }

    /**
     * Market time of the replay, or empty when the feed is idle. It stops at the end of the recording: past it no
     * candle can come, and a present running on would report every pair stale (CandleFreshness) as if the feed had
     * broken down.
     */
    public Optional<Instant> marketNow() {
        return clockTime().map(now -> now.isAfter(end) ? end : now);
    }

    /** The virtual clock itself, which runs on past the recording's end (tests). */
    Optional<Instant> clockTime() {
        RecordedClock current = clock;
        return current == null ? Optional.empty() : Optional.of(current.now());
    }

    /** Whether every recorded candle has been played (and so no candle will come any more). */
    public boolean ended() {
        return ended;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        RecordedClock current = clock;
        if (current == null || ended) {
            return Uni.createFrom().voidItem();
        }
        Instant now = current.now();
        return Multi.createFrom().iterable(recorded.entrySet())
                .onItem().transformToUni(entry -> play(entry.getKey(), entry.getValue(), now)).merge(CONCURRENCY)
                .collect().last().chain(() -> {
                    if (now.isBefore(end) || !recorded.entrySet().stream()
                            .allMatch(e -> played.get(e.getKey()) == e.getValue().size())) {
                        return Uni.createFrom().voidItem();
                    }
                    ended = true;
                    // on system_alerts, so the dashboard and redis-cli watchers see why candles stopped coming
                    return alerts.announce(SystemAlert.Kind.REPLAY_ENDED, "feed", "the replay played its recording to"
                            + " the end: its newest candle closed at " + end + "; no more candles will come, and the"
                            + " feed's present stays there (FX_REPLAY_START plays it again on a new database;"
                            + " FX_REPLAY_DIR takes a longer recording)");
                });
    }

    /** Stores every candle of the pair completed by {@code now} and not played yet; advances only on success. */
    private Uni<Void> play(Pair pair, List<Candle> candles, Instant now) {
        int from = played.get(pair);
        int to = from;
        while (to < candles.size() && !PackedCandles.timeAt(candles, to).plus(config.granularity().length()).isAfter(now)) {
            to++;
        }
        if (to == from) {
            return Uni.createFrom().voidItem();
        }
        int end = to;
        return ingestion.store(pair, config.granularity(), "replay", candles.subList(from, end))
                .invoke(() -> played.put(pair, end))
                // once a minute with a count, not a stack trace per pair per tick, while PostgreSQL is down
                .onFailure().invoke(f -> storeFailures.error(f.getClass().getName() + ": " + f.getMessage(),
                        "replay: storing " + pair + " up to " + candles.get(end - 1).time()
                                + " failed; retrying next tick: " + f))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
