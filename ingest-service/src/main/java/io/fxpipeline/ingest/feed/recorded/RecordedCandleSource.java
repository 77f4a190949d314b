package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.feed.CandlePage;
import io.fxpipeline.ingest.feed.CandleSource;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The replay feed's history served page by page like OANDA's, up to the feed's present: the running replay
 * clock, else {@code FX_REPLAY_START}, else the end of the recording. So a backfill and the hourly job behave
 * the same on recorded data as on the live API.
 */
@ApplicationScoped
@Typed(RecordedCandleSource.class) // injected as CandleSource only through CandleSources
public class RecordedCandleSource implements CandleSource {

    private final IngestConfig config;
    private final RecordedHistory history;
    private final RecordedFeed feed;

    public RecordedCandleSource(IngestConfig config, RecordedHistory history, RecordedFeed feed) {
        this.config = config;
        this.history = history;
        this.feed = feed;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public Instant now() {
        return feed.marketNow().or(() -> config.replay().start()).or(history::end).orElse(Instant.EPOCH);
    }

    @Override
    public Duration presentStep() {
        return Duration.ofMillis(Math.round(RecordedFeed.TICK.toMillis() * config.replay().speed()));
    }

    @Override
    public Uni<CandlePage> page(Pair pair, Granularity granularity, Instant from, boolean includeFirst, int count) {
        if (granularity != config.granularity()) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "the recording holds " + config.granularity() + " candles, not " + granularity));
        }
        // The first read of the files blocks: keep it off the event loop.
        return Uni.createFrom().item(() -> page(history.candles().getOrDefault(pair, List.of()), granularity, from,
                        includeFirst, count))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private CandlePage page(List<Candle> recorded, Granularity granularity, Instant from, boolean includeFirst,
            int count) {
        Instant now = now();
        int first = firstAtOrAfter(recorded, from);
        if (!includeFirst && first < recorded.size() && recorded.get(first).time().equals(from)) {
            first++;
        }
        int end = first;
        boolean forming = false;
        while (end < recorded.size() && end - first < count) {
            Instant open = PackedCandles.timeAt(recorded, end);
            if (open.plus(granularity.length()).isAfter(now)) {
                forming = open.isBefore(now);
                break;
            }
            end++;
        }
        List<Candle> candles = List.copyOf(recorded.subList(first, end));
        Instant last = candles.isEmpty() ? null : candles.get(candles.size() - 1).time();
        // A page that stopped at the present is a last page, as OANDA's would be.
        int received = end - first < count ? candles.size() : count;
        return new CandlePage(candles, List.of(), received, last, forming || end < recorded.size() && end - first < count, null);
    }

    private static int firstAtOrAfter(List<Candle> candles, Instant time) {
        int lo = 0;
        int hi = candles.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (PackedCandles.timeAt(candles, mid).isBefore(time)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
