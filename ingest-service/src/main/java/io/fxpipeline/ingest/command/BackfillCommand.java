package io.fxpipeline.ingest.command;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.job.Backfill;
import io.fxpipeline.ingest.service.CandleSync.PairSync;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.model.Pair;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code backfill --days 365 [--pairs EUR_USD,GBP_USD]}: history from the feed, with a progress bar and a summary. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Load the last N days of candles for every pair from the configured feed (FX_FEED). "
                + "Resumable: each pair starts after its newest stored candle; safe to run twice.")
public class BackfillCommand implements Callable<Integer> {

    @Option(names = "--days", defaultValue = "365", description = "days of history (1 to 3650, default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--pairs", split = ",", description = "pairs to load (default: FX_PAIRS)")
    List<String> pairs;

    @Option(names = "--no-progress", description = "print no progress bar (logs and CI)")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Backfill backfill;
    private final IngestConfig config;

    public BackfillCommand(Backfill backfill, IngestConfig config) {
        this.backfill = backfill;
        this.config = config;
    }

    @Override
    public Integer call() {
        List<Pair> chosen;
        try {
            chosen = pairs == null || pairs.isEmpty() ? config.pairs() : pairs.stream().map(String::trim).map(Pair::of).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pairs: " + e.getMessage());
        }
        if (days < 1 || days > 3650) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be 1 to 3650, was " + days);
        }
        PrintStream out = System.out;
        Progress progress = new Progress(noProgress ? null : System.err);
        Backfill.Report report;
        try {
            // The command's main thread, not the event loop: waiting here is what a command does.
            report = backfill.run(days, chosen, progress).await().atMost(Duration.ofHours(6));
        } finally {
            progress.close();
        }
        print(out, report);
        return switch (report.outcome().status()) {
            case SUCCEEDED -> 0;
            case SKIPPED -> 3;
            case PARTIAL -> 1;
            default -> 2;
        };
    }

    private void print(PrintStream out, Backfill.Report report) {
        for (PairSync pair : report.pairs()) {
            out.printf(Locale.ROOT, "%s: %,d records (%,d new or changed, %,d rejected%s)%s%n", pair.pair(),
                    report.rows().getOrDefault(pair.pair(), 0L), pair.stored(), pair.rejected(),
                    pair.pending() == 0 ? "" : String.format(Locale.ROOT, ", %,d still forming", pair.pending()),
                    pair.failed() ? " FAILED: " + pair.error() : "");
        }
        double seconds = Math.max(0.001, report.took().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "backfill %s: %,d candles received, %,d stored in %.1f s (%,.0f candles/s)%s%n",
                report.outcome().status(), report.received(), report.stored(), seconds, report.received() / seconds,
                report.outcome().status() == JobRuns.Status.SKIPPED ? " - " + report.outcome().error() : "");
    }

    /**
     * The progress bar: pairs done, candles received, rate and ETA. It appears with the first candle received, so a
     * run that finds every pair up to date prints only its summary (not an empty "? % 0/0" bar).
     */
    static final class Progress implements Backfill.Listener, AutoCloseable {

        private final PrintStream console;
        private final AtomicInteger pairsDone = new AtomicInteger();
        private volatile int pairs;
        private volatile long expected;
        private volatile ProgressBar bar;

        /** @param console where the bar is drawn; null: no bar */
        Progress(PrintStream console) {
            this.console = console;
        }

        @Override
        public void planned(int pairs, long expectedCandles) {
            this.pairs = pairs;
            this.expected = expectedCandles;
        }

        @Override
        public synchronized void received(long total) {
            if (console == null || total <= 0) {
                return;
            }
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("backfill").setInitialMax(Math.max(total, expected))
                        .setUnit(" candles", 1).showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .setConsumer(new ConsoleProgressBarConsumer(console))
                        .build();
                bar.setExtraMessage(pairsMessage());
            }
            if (total > bar.getMax()) {
                bar.maxHint(total); // the estimate assumed a plain week; holidays and DST shift it a little
            }
            bar.stepTo(total);
        }

        @Override
        public synchronized void pairDone(PairSync pair) {
            pairsDone.incrementAndGet();
            if (bar != null) {
                bar.setExtraMessage(pairsMessage());
            }
        }

        private String pairsMessage() {
            return " pairs " + pairsDone.get() + "/" + pairs;
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.maxHint(bar.getCurrent());
                bar.close();
            }
        }
    }
}
