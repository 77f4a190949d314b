package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recorded candles of {@code FX_REPLAY_DIR}, read once: per tracked pair, {@code <PAIR>.csv} and the retention
 * archive's month files ({@code <PAIR>.<GRANULARITY>.<yyyy-MM>.csv.gz}, so {@code DATA_ARCHIVE_DIR} replays as it is).
 * Blocking file I/O: callers load it at start-up, on the main thread of a command, or on a worker thread.
 */
@ApplicationScoped
public class RecordedHistory {

    private final IngestConfig config;
    private volatile Map<Pair, List<Candle>> recorded;

    public RecordedHistory(IngestConfig config) {
        this.config = config;
    }

    public boolean configured() {
        return config.replay().dir().isPresent();
    }

    /** Candles per pair, ascending; pairs without a file are absent. */
    public Map<Pair, List<Candle>> candles() {
        Map<Pair, List<Candle>> current = recorded;
        if (current == null) {
            synchronized (this) {
                if (recorded == null) {
                    recorded = load();
                }
                current = recorded;
            }
        }
        return current;
    }

    /** The end of the recording: the close time of the newest recorded candle. */
    public Optional<Instant> end() {
        return candles().values().stream().filter(c -> !c.isEmpty())
                .map(c -> c.get(c.size() - 1).time().plus(config.granularity().length()))
                .max(Instant::compareTo);
    }

    /** The open time of the oldest recorded candle. */
    public Optional<Instant> start() {
        return candles().values().stream().filter(c -> !c.isEmpty()).map(c -> c.get(0).time()).min(Instant::compareTo);
    }

    private Map<Pair, List<Candle>> load() {
        Path dir = config.replay().dir().orElseThrow(() -> new IllegalStateException(
                "FX_REPLAY_DIR is not set: the replay feed needs a folder of <PAIR>.csv files"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("FX_REPLAY_DIR " + dir.toAbsolutePath() + " is not a folder");
        }
        Map<Pair, List<Candle>> read = new LinkedHashMap<>();
        for (Pair pair : config.pairs()) {
            try {
                List<Candle> candles = read(dir, pair, config.granularity());
                if (candles.isEmpty()) {
                    Log.warnf("replay: no recorded candles for %s in %s; that pair stays silent", pair, dir);
                    continue;
                }
                read.put(pair, candles);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Collections.unmodifiableMap(read);
    }

    /** A pair's candles from every file of it in {@code dir}, ascending; a time found in two files is an error. */
    static List<Candle> read(Path dir, Pair pair, Granularity granularity) throws IOException {
        List<Path> files = new ArrayList<>();
        Path plain = dir.resolve(pair.name() + ".csv");
        if (Files.exists(plain)) {
            files.add(plain);
        }
        files.addAll(CsvCandles.archives(dir, pair, granularity));
        List<Candle> candles = new ArrayList<>();
        for (Path file : files) {
            candles.addAll(CsvCandles.read(file, granularity));
        }
        candles.sort(Comparator.comparing(Candle::time));
        for (int i = 1; i < candles.size(); i++) {
            if (candles.get(i).time().equals(candles.get(i - 1).time())) {
                throw new IOException(dir + ": " + pair + " at " + candles.get(i).time() + " is in two of its files " + files);
            }
        }
        return PackedCandles.of(candles);
    }
}
