package io.fxpipeline.correlation.command;

import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.service.CorrelationHistory;
import io.fxpipeline.correlation.store.CloseRepository;
import io.fxpipeline.messaging.job.JobRuns;
import io.vertx.mutiny.sqlclient.Pool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code history --days N}: the daily matrix and best pairs as of each of the last N midnights of the stored data
 * (market time: counted back from the newest midnight the closes reach), recomputed and replaced.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Compute and store the daily matrix and best pairs as of every past midnight of the stored closes.")
public class HistoryCommand implements Callable<Integer> {

    @Option(names = "--days", defaultValue = "365", description = "midnights to compute, back from the newest the data reaches (default ${DEFAULT-VALUE})")
    int days;

    private final CorrelationHistory history;
    private final CloseRepository closes;
    private final Pool pool;
    private final CorrelationConfig config;

    public HistoryCommand(CorrelationHistory history, CloseRepository closes, Pool pool, CorrelationConfig config) {
        this.history = history;
        this.closes = closes;
        this.pool = pool;
        this.config = config;
    }

    @Override
    public Integer call() {
        if (days < 1 || days > 36_500) {
            System.err.println("--days must be a whole number from 1 to 36500, was " + days);
            return 2;
        }
        Instant newestOpen = closes.spans(pool, config.pairs(), config.granularity()).await().atMost(Duration.ofMinutes(1))
                .values().stream().map(CloseRepository.Span::newest).max(Instant::compareTo).orElse(null);
        if (newestOpen == null) {
            System.out.println("correlation history: no closes stored yet, nothing to compute");
            return 3;
        }
        Instant last = newestOpen.truncatedTo(ChronoUnit.DAYS);
        Instant first = last.minus(days - 1L, ChronoUnit.DAYS);
        long started = System.nanoTime();
        CorrelationHistory.Built built = history.build(first, last, true).await().atMost(Duration.ofMinutes(30));
        System.out.printf(Locale.ROOT, "correlation history %s: %s (%.1f s)%n", built.status(), built.message(),
                (System.nanoTime() - started) / 1e9);
        return switch (built.status()) {
            case SUCCEEDED, PARTIAL -> 0;
            case SKIPPED -> 3;
            default -> 1;
        };
    }
}
