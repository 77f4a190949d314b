package io.fxpipeline.correlation.command;

import io.fxpipeline.correlation.BestPair;
import io.fxpipeline.correlation.service.CorrelationRun;
import io.fxpipeline.correlation.service.RunSummary;
import io.fxpipeline.correlation.store.CorrelationRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code run}: one correlation run now (as the 00:00 UTC schedule), then the best pairs it ranked. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Compute, store, cache and announce the correlation matrix now; print the best pairs.")
public class RunCommand implements Callable<Integer> {

    @Option(names = "--top", defaultValue = "10", description = "best pairs to print (default ${DEFAULT-VALUE})")
    int top;

    private final CorrelationRun run;
    private final CorrelationRepository results;

    public RunCommand(CorrelationRun run, CorrelationRepository results) {
        this.run = run;
        this.results = results;
    }

    @Override
    public Integer call() {
        RunSummary summary = run.run().await().atMost(Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "correlation run %d as of %s: %s, %d of %d entries valued, %d best pairs, %d alerts%s%n",
                summary.runId(), summary.asOf() == null ? "-" : summary.asOf(), summary.status(), summary.withValue(), summary.entries(),
                summary.bestPairs(), summary.alerts(), summary.message() == null ? "" : " - " + summary.message());
        if (summary.bestPairs() > 0) {
            List<BestPair> best = results.bestPairs(summary.asOf(), Math.max(1, top)).await().atMost(Duration.ofMinutes(1));
            best.forEach(b -> System.out.printf(Locale.ROOT, "%2d. %s / %s  r = %+.4f  %s%n", b.rank(), b.pairA(),
                    b.pairB(), b.correlation(), b.reason()));
        }
        return switch (summary.status()) {
            case SUCCEEDED, PARTIAL -> 0;
            case SKIPPED -> 3;
            case RUNNING, FAILED -> 1;
        };
    }
}
