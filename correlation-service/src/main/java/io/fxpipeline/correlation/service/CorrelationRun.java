package io.fxpipeline.correlation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fxpipeline.correlation.BestPair;
import io.fxpipeline.correlation.ClosePoint;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.PairCorrelation;
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
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.CorrelationAlert;
import io.fxpipeline.model.message.CorrelationReady;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final CorrelationConfig config;
    private final Pool pool;
    private final CloseRepository closes;
    private final CorrelationRepository results;
    private final AlertStateRepository alertStates;
    private final JobRuns jobs;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final Channels channels;
    private final CorrelationCalculator calculator;
    private final CorrelationAlertRule alertRule;
    private final MessageCodec codec = new MessageCodec();
    private final Timer runTimer;
    private final Clock clock = Clock.systemUTC();

    public CorrelationRun(CorrelationConfig config, Pool pool, CloseRepository closes, CorrelationRepository results,
            AlertStateRepository alertStates, JobRuns jobs, ReactiveRedisDataSource redis,
            ObjectMapper json, MeterRegistry meters) {
        this.config = config;
        this.pool = pool;
        this.closes = closes;
        this.results = results;
        this.alertStates = alertStates;
        this.jobs = jobs;
        this.redis = redis;
        this.json = json;
        this.channels = new Channels(config.prefix());
        this.calculator = new CorrelationCalculator(config.window(), config.minReturns());
        this.alertRule = new CorrelationAlertRule(config.threshold());
        this.runTimer = meters.timer("fx.correlation.run.duration");
    }

    /** What the locked transaction produced; {@code matrix} is null when nothing was stored. */
    private record Outcome(String status, CorrelationMatrix matrix, List<BestPair> best, List<CorrelationAlert> alerts,
            String message) {
    }

    public Uni<RunSummary> run() {
        // Truncated to the hour: a run is "as of" the last complete hour, and re-running in the same hour
        // replaces that hour's result instead of piling up near-duplicates.
        Instant asOf = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        long started = System.nanoTime();
        return jobs.start(JOB, clock.instant(), JobRuns.Status.RUNNING).chain(id -> pool.withTransaction(tx -> jobs.tryLock(tx, jobs.lockKey(JOB))
                        .chain(locked -> locked ? computeAndStore(tx, asOf)
                                : Uni.createFrom().item(new Outcome("SKIPPED", null, List.of(), List.of(),
                                        "another correlation run holds the lock"))))
                .call(outcome -> outcome.matrix() == null ? Uni.createFrom().voidItem() : announce(outcome))
                .call(outcome -> jobs.finish(id, new JobRuns.Outcome(JobRuns.Status.valueOf(outcome.status()),
                        outcome.matrix() == null ? 0 : outcome.matrix().entries().size(), outcome.message())))
                .map(outcome -> summary(id, asOf, outcome))
                .invoke(() -> runTimer.record(Duration.ofNanos(System.nanoTime() - started)))
                .onFailure().call(failure -> {
                    Log.errorf(failure, "correlation run %d failed", id);
                    return jobs.finish(id, new JobRuns.Outcome(JobRuns.Status.FAILED, 0, String.valueOf(failure.getMessage())));
                }));
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
                        return Uni.createFrom().item(new Outcome("SKIPPED", null, List.of(), List.of(),
                                "too little data: no two pairs share " + config.minReturns()
                                        + " returns in the last " + config.window() + " candles (" + computed.getValue()
                                        + " of " + config.pairs().size() + " pairs have closes); nothing stored"));
                    }
                    List<BestPair> best = BestPairsRanking.of(matrix);
                    return alertStates.load(tx).chain(previous -> {
                        List<CorrelationAlert> alerts = new ArrayList<>();
                        List<Tuple> states = new ArrayList<>();
                        for (PairCorrelation e : matrix.entries()) {
                            if (e.correlation() == null) {
                                continue;
                            }
                            AlertStateRepository.Key key = new AlertStateRepository.Key(e.pairA(), e.pairB());
                            double r = e.correlation();
                            if (alertRule.shouldAlert(previous.get(key), r)) {
                                alerts.add(new CorrelationAlert(clock.instant(), e.pairA(), e.pairB(), r,
                                        alertRule.threshold(), Severity.CRITICAL, asOf));
                            }
                            states.add(AlertStateRepository.row(key, r, alertRule.alerting(r), asOf));
                        }
                        String status = matrix.valued() == matrix.entries().size() ? "SUCCEEDED" : "PARTIAL";
                        String message = status.equals("PARTIAL") ? (matrix.entries().size() - matrix.valued())
                                + " of " + matrix.entries().size() + " pairs lack " + config.minReturns()
                                + " common returns" : null;
                        return results.store(tx, matrix, best).chain(() -> alertStates.save(tx, states))
                                .replaceWith(new Outcome(status, matrix, best, alerts, message));
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
        Uni<Void> publishReady = publish(channels.dataReady(), codec.encode(ready));
        Uni<Void> publishAlerts = Multi.createFrom().iterable(outcome.alerts())
                .onItem().transformToUniAndConcatenate(a -> publish(channels.correlationAlerts(), codec.encode(a)))
                .collect().last().replaceWithVoid();
        return cache.ifNoItem().after(REDIS_TIMEOUT).fail()
                .chain(() -> publishReady).chain(() -> publishAlerts)
                .onFailure().invoke(f -> Log.errorf(f, "correlation results as of %s stored but not fully announced",
                        matrix.asOf()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> publish(String channel, String payload) {
        return redis.pubsub(String.class).publish(channel, payload).ifNoItem().after(REDIS_TIMEOUT).fail();
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
