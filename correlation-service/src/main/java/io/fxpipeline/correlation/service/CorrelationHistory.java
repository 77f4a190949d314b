package io.fxpipeline.correlation.service;

import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.compute.BestPairsRanking;
import io.fxpipeline.correlation.compute.CloseHistory;
import io.fxpipeline.correlation.compute.CorrelationCalculator;
import io.fxpipeline.correlation.compute.Staleness;
import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.store.CloseRepository;
import io.fxpipeline.correlation.store.HistoryRepository;
import io.fxpipeline.correlation.store.HistoryRepository.DailyResult;
import io.fxpipeline.messaging.job.JobRuns;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The daily history: the matrix and best pairs as of every midnight of a range, computed from the stored closes
 * by the daily run's own rule ({@link CloseHistory}). The closes are read once and the results written in
 * array batches, so a year (365 matrices of 190 entries) takes seconds. History raises no alerts: alerts are
 * news, and a past midnight is not.
 */
@ApplicationScoped
public class CorrelationHistory {

    public static final String JOB = "correlation-history";
    /** Matrices per INSERT: 60 days x 190 entries keeps one statement's arrays to a few MB. */
    private static final int BATCH = 60;

    private final CorrelationConfig config;
    private final Pool pool;
    private final CloseRepository closes;
    private final HistoryRepository history;
    private final JobRuns jobs;
    private final CorrelationCalculator calculator;

    public CorrelationHistory(CorrelationConfig config, Pool pool, CloseRepository closes, HistoryRepository history,
            JobRuns jobs) {
        this.config = config;
        this.pool = pool;
        this.closes = closes;
        this.history = history;
        this.jobs = jobs;
        this.calculator = new CorrelationCalculator(config.window(), config.minReturns());
    }

    /** What a build did: midnights asked for, matrices stored, midnights with too little data. */
    public record Built(JobRuns.Status status, int midnights, int stored, int tooThin, String message) {

        static Built nothingToDo() {
            return new Built(JobRuns.Status.SUCCEEDED, 0, 0, 0, "every midnight asked for is stored");
        }
    }

    /** Every midnight (00:00 UTC) from {@code first} to {@code last}, both included. */
    public static List<Instant> midnights(Instant first, Instant last) {
        List<Instant> days = new ArrayList<>();
        for (Instant m = first.truncatedTo(ChronoUnit.DAYS); !m.isAfter(last); m = m.plus(1, ChronoUnit.DAYS)) {
            if (!m.isBefore(first)) {
                days.add(m);
            }
        }
        return days;
    }

    /**
     * Matrices as of every midnight from {@code first} to {@code last}: all of them ({@code replace}), or only
     * those not stored yet. One build at a time across replicas (advisory lock); SKIPPED while another runs.
     */
    public Uni<Built> build(Instant first, Instant last, boolean replace) {
        List<Instant> all = midnights(first, last);
        if (all.isEmpty()) {
            return Uni.createFrom().item(Built.nothingToDo());
        }
        Uni<List<Instant>> todo = replace ? Uni.createFrom().item(all)
                : history.storedAsOfs(pool, all.get(0), all.get(all.size() - 1))
                        .map(stored -> all.stream().filter(m -> !stored.contains(m)).toList());
        return todo.chain(midnights -> {
            if (midnights.isEmpty()) {
                return Uni.createFrom().item(Built.nothingToDo());
            }
            int[] thin = new int[1];
            return jobs.runExclusively(JOB, Instant.now(), id -> compute(midnights)
                            .chain(computed -> {
                                thin[0] = midnights.size() - computed.size();
                                return store(computed);
                            })
                            .map(stored -> new JobRuns.Outcome(thin[0] == 0 ? JobRuns.Status.SUCCEEDED
                                    : stored == 0 ? JobRuns.Status.SKIPPED : JobRuns.Status.PARTIAL, stored,
                                    describe(midnights, stored, thin[0]))))
                    .map(outcome -> new Built(outcome.status(), midnights.size(), outcome.records(), thin[0],
                            outcome.error()))
                    .invoke(built -> Log.infof("correlation history: %s", built.message()));
        });
    }

    private String describe(List<Instant> midnights, int stored, int thin) {
        String range = midnights.get(0) + " to " + midnights.get(midnights.size() - 1);
        return midnights.size() + " midnights " + range + ": " + stored + " matrices stored"
                + (thin == 0 ? "" : ", " + thin + " with too little data (fewer than " + config.minReturns()
                        + " common returns for every pair)");
    }

    /** Reads the closes the range needs once, then computes each midnight in memory off the event loop. */
    private Uni<List<DailyResult>> compute(List<Instant> midnights) {
        Duration bar = config.granularity().length();
        Instant last = midnights.get(midnights.size() - 1);
        // The window of the first midnight reaches back window bars of trading time: weekends and holidays
        // stretch that, so read twice as long plus a few days (reading more never changes a result).
        Instant readFrom = midnights.get(0).minus(bar.multipliedBy(2L * config.window())).minus(Duration.ofDays(4));
        return closes.between(pool, config.pairs(), config.granularity(), readFrom, last.minus(bar))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(byPair -> {
                    CloseHistory closeHistory = new CloseHistory(config.pairs(), byPair, bar, config.window(),
                            Staleness.ofBars(config.staleBars(), bar));
                    List<DailyResult> results = new ArrayList<>();
                    for (Instant midnight : midnights) {
                        CorrelationMatrix matrix = calculator.compute(closeHistory.asOf(midnight).closes(), midnight);
                        if (matrix.valued() > 0) {
                            results.add(new DailyResult(matrix, BestPairsRanking.of(matrix)));
                        }
                    }
                    return results;
                });
    }

    private Uni<Integer> store(List<DailyResult> results) {
        List<List<DailyResult>> batches = new ArrayList<>();
        for (int i = 0; i < results.size(); i += BATCH) {
            batches.add(results.subList(i, Math.min(results.size(), i + BATCH)));
        }
        return pool.withTransaction(tx -> Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> history.store(tx, batch).replaceWith(batch.size()))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)));
    }

    /** Which of {@code midnights} have a stored matrix. */
    public Uni<Set<Instant>> stored(Instant first, Instant last) {
        return history.storedAsOfs(pool, first, last);
    }
}
