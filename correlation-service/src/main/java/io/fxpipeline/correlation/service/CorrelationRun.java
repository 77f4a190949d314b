package io.fxpipeline.correlation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fxpipeline.correlation.BestPair;
import io.fxpipeline.correlation.ClosePoint;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.alert.CorrelationAlertRule;
import io.fxpipeline.correlation.compute.BestPairsRanking;
import io.fxpipeline.correlation.compute.CorrelationCalculator;
import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.mapping.BestPairView;
import io.fxpipeline.correlation.mapping.MatrixView;
import io.fxpipeline.correlation.store.AlertStateRepository;
import io.fxpipeline.correlation.store.CloseRepository;
import io.fxpipeline.correlation.store.CorrelationRepository;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.publish.Publisher;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.message.CorrelationAlert;
import io.fxpipeline.model.message.CorrelationReady;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One correlation run: under the advisory lock, read the last closes, compute the matrix, rank best pairs,
 * decide alerts and store it all in one transaction; after the commit, cache the results and announce them.
 */
@ApplicationScoped
public class CorrelationRun {

    public static final String JOB = "correlation";

    private final CorrelationConfig config;
    private final Pool pool;
    private final CloseRepository closes;
    private final CorrelationRepository results;
    private final AlertStateRepository alertStates;
    private final JobRuns jobs;
    private final ReactiveRedisDataSource redis;
    private final Publisher publisher;
    private final ObjectMapper json;
    private final Channels channels;
    private final CorrelationCalculator calculator;
    private final CorrelationAlertRule alertRule;
    private final Timer runTimer;
    private final Clock clock = Clock.systemUTC();

    public CorrelationRun(CorrelationConfig config, Pool pool, CloseRepository closes, CorrelationRepository results,
            AlertStateRepository alertStates, JobRuns jobs, ReactiveRedisDataSource redis, Publisher publisher,
            ObjectMapper json, MeterRegistry meters) {
        this.config = config;
        this.pool = pool;
        this.closes = closes;
        this.results = results;
        this.alertStates = alertStates;
        this.jobs = jobs;
        this.redis = redis;
        this.publisher = publisher;
        this.json = json;
        this.channels = publisher.channels();
        this.calculator = new CorrelationCalculator(config.window(), config.minReturns());
        this.alertRule = new CorrelationAlertRule(config.threshold());
        this.runTimer = meters.timer("fx.correlation.run.duration");
    }

    /** What the run produced; {@code matrix} is null when nothing was stored. */
    private record Outcome(JobRuns.Status status, CorrelationMatrix matrix, List<BestPair> best,
            List<CorrelationAlert> alerts, String message) {

        static Outcome skipped(String why) {
            return new Outcome(JobRuns.Status.SKIPPED, null, List.of(), List.of(), why);
        }
    }

    /** One run through the job protocol ({@link JobRuns#runExclusively}): locked, recorded, then announced. */
    public Uni<RunSummary> run() {
        // Truncated to the hour: a run is "as of" the last complete hour, and re-running in the same hour
        // replaces that hour's result instead of piling up near-duplicates.
        Instant asOf = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        long started = System.nanoTime();
        return jobs.runExclusively(JOB, clock.instant(),
                        id -> pool.withTransaction(tx -> computeAndStore(tx, asOf))
                                .call(outcome -> outcome.matrix() == null ? Uni.createFrom().voidItem() : announce(outcome))
                                .map(outcome -> summary(id, asOf, outcome))
                                .onFailure().invoke(failure -> Log.errorf(failure, "correlation run %d failed", id)),
                        summary -> new JobRuns.Outcome(summary.status(), summary.entries(), summary.message()),
                        (id, skipped) -> summary(id, asOf, Outcome.skipped(skipped.error())))
                .invoke(() -> runTimer.record(Duration.ofNanos(System.nanoTime() - started)));
    }

    private Uni<Outcome> computeAndStore(SqlClient tx, Instant asOf) {
        return closes.lastCloses(tx, config.pairs(), config.granularity(), config.window())
                // Pearson over 190 pairs is CPU work: keep it off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(byPair -> {
                    // Every configured pair appears, so a pair with no closes yet shows as a row of nulls.
                    Map<Pair, List<ClosePoint>> all = new LinkedHashMap<>();
                    config.pairs().forEach(p -> all.put(p, byPair.getOrDefault(p, List.of())));
                    long withCloses = byPair.values().stream().filter(c -> !c.isEmpty()).count();
                    return Map.entry(calculator.compute(all, asOf), withCloses);
                })
                .chain(computed -> {
                    CorrelationMatrix matrix = computed.getKey();
                    if (matrix.valued() == 0) {
                        return Uni.createFrom().item(Outcome.skipped("too little data: no two pairs share "
                                + config.minReturns() + " returns in the last " + config.window() + " candles ("
                                + computed.getValue() + " of " + config.pairs().size()
                                + " pairs have closes); nothing stored"));
                    }
                    List<BestPair> best = BestPairsRanking.of(matrix);
                    return alertStates.load(tx).chain(previous -> {
                        List<CorrelationAlertRule.Verdict> verdicts = alertRule.judge(matrix.entries(),
                                (a, b) -> previous.get(new AlertStateRepository.Key(a, b)));
                        List<CorrelationAlert> alerts = verdicts.stream().filter(CorrelationAlertRule.Verdict::alert)
                                .map(v -> new CorrelationAlert(clock.instant(), v.pairA(), v.pairB(), v.correlation(),
                                        alertRule.threshold(), Severity.CRITICAL, asOf))
                                .toList();
                        List<Tuple> states = verdicts.stream().map(v -> AlertStateRepository.row(
                                new AlertStateRepository.Key(v.pairA(), v.pairB()), v.correlation(), v.alerting(), asOf))
                                .toList();
                        boolean partial = matrix.valued() < matrix.entries().size();
                        String message = partial ? (matrix.entries().size() - matrix.valued()) + " of "
                                + matrix.entries().size() + " pairs lack " + config.minReturns() + " common returns"
                                : null;
                        return results.store(tx, matrix, best).chain(() -> alertStates.save(tx, states))
                                .replaceWith(new Outcome(partial ? JobRuns.Status.PARTIAL : JobRuns.Status.SUCCEEDED,
                                        matrix, best, alerts, message));
                    });
                });
    }

    /** After the commit: cache, then data_ready, then alerts. A Redis hiccup is logged, never undoes the run. */
    private Uni<Void> announce(Outcome outcome) {
        CorrelationMatrix matrix = outcome.matrix();
        long ttl = config.correlationTtl().toSeconds();
        CorrelationReady ready = new CorrelationReady(clock.instant(), matrix.asOf(), matrix.window(), matrix.pairs(),
                (int) matrix.valued(), outcome.best().size());
        Uni<Void> cache = redis.value(String.class).setex(channels.correlationMatrixKey(), ttl, toJson(MatrixView.of(matrix)))
                .chain(() -> redis.value(String.class).setex(channels.bestPairsKey(), ttl,
                        toJson(outcome.best().stream().map(BestPairView::of).toList())));
        Uni<Void> publishReady = publisher.publish(channels.dataReady(), ready);
        Uni<Void> publishAlerts = publisher.publishAll(channels.correlationAlerts(), outcome.alerts());
        return cache.ifNoItem().after(Publisher.TIMEOUT).fail()
                .chain(() -> publishReady).chain(() -> publishAlerts)
                .onFailure().invoke(f -> Log.errorf(f, "correlation results as of %s stored but not fully announced",
                        matrix.asOf()))
                .onFailure().recoverWithNull();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static RunSummary summary(long id, Instant asOf, Outcome o) {
        CorrelationMatrix m = o.matrix();
        return new RunSummary(id, o.status(), asOf, m == null ? 0 : m.pairs().size(),
                m == null ? 0 : m.entries().size(), m == null ? 0 : m.valued(), o.best().size(), o.alerts().size(),
                o.message());
    }
}
