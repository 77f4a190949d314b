package io.fxpipeline.correlation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fxpipeline.correlation.BestPair;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.alert.CorrelationAlertRule;
import io.fxpipeline.correlation.compute.BestPairsRanking;
import io.fxpipeline.correlation.compute.CloseHistory;
import io.fxpipeline.correlation.compute.Staleness;
import io.fxpipeline.correlation.compute.CorrelationCalculator;
import io.fxpipeline.correlation.config.CorrelationConfig;
import io.fxpipeline.correlation.mapping.BestPairView;
import io.fxpipeline.correlation.mapping.MatrixView;
import io.fxpipeline.correlation.store.AlertRepository;
import io.fxpipeline.correlation.store.AlertStateRepository;
import io.fxpipeline.correlation.store.CloseRepository;
import io.fxpipeline.correlation.store.CorrelationRepository;
import io.fxpipeline.messaging.alert.AlertAnnouncer;
import io.fxpipeline.messaging.alert.StoredAlert;
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
    private final AlertRepository storedAlerts;
    private final AlertAnnouncer announcer;

    public CorrelationRun(CorrelationConfig config, Pool pool, CloseRepository closes, CorrelationRepository results,
            AlertStateRepository alertStates, JobRuns jobs, ReactiveRedisDataSource redis, Publisher publisher,
            ObjectMapper json, MeterRegistry meters, AlertRepository storedAlerts, AlertAnnouncer announcer) {
        this.storedAlerts = storedAlerts;
        this.announcer = announcer;
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

    /**
     * What the run produced; {@code matrix} is null when nothing was stored. {@code current} is false for a matrix
     * older than one already stored: it is history, and is neither cached nor announced.
     */
    private record Outcome(JobRuns.Status status, Instant asOf, CorrelationMatrix matrix, List<BestPair> best,
            List<StoredAlert<CorrelationAlert>> alerts, String message, boolean current) {

        static Outcome skipped(Instant asOf, String why) {
            return new Outcome(JobRuns.Status.SKIPPED, asOf, null, List.of(), List.of(), why, false);
        }
    }

    /** A run now, as of the close of the newest stored candle (market time, never the wall clock). */
    public Uni<RunSummary> run() {
        return run(null);
    }

    /**
     * The daily run as of {@code midnight}, on the candles closed by then; SKIPPED, changing nothing, when a
     * matrix as of that midnight is already stored (by another replica, or an earlier attempt).
     */
    public Uni<RunSummary> runAsOf(Instant midnight) {
        return run(midnight);
    }

    /** One run through the job protocol ({@link JobRuns#runExclusively}): locked, recorded, then announced. */
    private Uni<RunSummary> run(Instant midnight) {
        long started = System.nanoTime();
        return jobs.runExclusively(JOB, clock.instant(),
                        id -> pool.withTransaction(tx -> asOf(tx, midnight).chain(asOf -> computeAndStore(tx, asOf, midnight != null)))
                                .call(outcome -> outcome.current() ? announce(outcome) : Uni.createFrom().voidItem())
                                .map(outcome -> summary(id, outcome))
                                .onFailure().invoke(failure -> Log.errorf(failure, "correlation run %d failed", id)),
                        summary -> new JobRuns.Outcome(summary.status(), summary.entries(), summary.message()),
                        (id, skipped) -> summary(id, Outcome.skipped(midnight, skipped.error())))
                .invoke(() -> runTimer.record(Duration.ofNanos(System.nanoTime() - started)));
    }

    /** The midnight asked for, else the close of the newest stored candle; null when there are no closes. */
    private Uni<Instant> asOf(SqlClient tx, Instant midnight) {
        if (midnight != null) {
            return Uni.createFrom().item(midnight);
        }
        return closes.spans(tx, config.pairs(), config.granularity()).map(spans -> spans.values().stream()
                .map(CloseRepository.Span::newest).max(Instant::compareTo)
                .map(newest -> newest.plus(config.granularity().length())).orElse(null));
    }

    private Uni<Outcome> computeAndStore(SqlClient tx, Instant asOf, boolean once) {
        if (asOf == null) {
            return Uni.createFrom().item(tooLittleData(null, 0));
        }
        Uni<Boolean> done = once ? results.exists(tx, asOf) : Uni.createFrom().item(false);
        return done.chain(exists -> exists
                ? Uni.createFrom().item(Outcome.skipped(asOf, "a matrix as of " + asOf + " is stored already"))
                : computeAndStore(tx, asOf));
    }

    private Outcome tooLittleData(Instant asOf, int withCloses) {
        return Outcome.skipped(asOf, "too little data: no two pairs share " + config.minReturns() + " returns in the last "
                + config.window() + " candles (" + withCloses + " of " + config.pairs().size()
                + " pairs have closes); nothing stored");
    }

    private String staleMessage(List<Pair> stale) {
        return "left out as stale (newest close more than " + config.staleBars() + " bars of trading time before as_of): "
                + stale.stream().map(Pair::name).collect(java.util.stream.Collectors.joining(", "));
    }

    private Uni<Outcome> computeAndStore(SqlClient tx, Instant asOf) {
        Duration bar = config.granularity().length();
        return closes.lastCloses(tx, config.pairs(), config.granularity(), config.window(), asOf.minus(bar))
                // Pearson over 190 pairs is CPU work: keep it off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(byPair -> new CloseHistory(config.pairs(), byPair, bar, config.window(),
                        Staleness.ofBars(config.staleBars(), bar)).asOf(asOf))
                .chain(used -> {
                    CorrelationMatrix matrix = calculator.compute(used.closes(), asOf);
                    if (matrix.valued() == 0) {
                        Outcome thin = tooLittleData(asOf, used.withCloses());
                        return Uni.createFrom().item(used.stale().isEmpty() ? thin
                                : Outcome.skipped(asOf, thin.message() + "; " + staleMessage(used.stale())));
                    }
                    List<BestPair> best = BestPairsRanking.of(matrix);
                    boolean partial = matrix.valued() < matrix.entries().size();
                    String message = partial ? (matrix.entries().size() - matrix.valued()) + " of "
                            + matrix.entries().size() + " pairs lack " + config.minReturns() + " common returns"
                            : null;
                    if (!used.stale().isEmpty()) {
                        message = join(message, staleMessage(used.stale()));
                    }
                    JobRuns.Status status = partial ? JobRuns.Status.PARTIAL : JobRuns.Status.SUCCEEDED;
                    String said = message;
                    // Market time only moves forward: a run behind a stored matrix (a midnight caught up after an
                    // on-demand run, say) must not alert against, nor replace, what was announced after it.
                    return results.newerThan(tx, asOf).chain(newer -> newer.isPresent()
                            ? results.store(tx, matrix, best).replaceWith(new Outcome(status, asOf, matrix, best,
                                    List.of(), join(said, "older than the matrix as of " + newer.get()
                                            + ": stored as history, without alerts, cache or announcement"), false))
                            : storeCurrent(tx, matrix, best, status, said));
                });
    }

    private static String join(String first, String second) {
        return first == null ? second : first + "; " + second;
    }

    /** The newest matrix: judged for alerts against the last state, stored with them. */
    private Uni<Outcome> storeCurrent(SqlClient tx, CorrelationMatrix matrix, List<BestPair> best, JobRuns.Status status,
            String message) {
        Instant asOf = matrix.asOf();
        return alertStates.load(tx).chain(previous -> {
            List<CorrelationAlertRule.Verdict> verdicts = alertRule.judge(matrix.entries(),
                    (a, b) -> previous.get(new AlertStateRepository.Key(a, b)));
            List<CorrelationAlert> alerts = verdicts.stream().filter(CorrelationAlertRule.Verdict::alert)
                    .map(v -> new CorrelationAlert(StoredAlert.decidedAt(clock), v.pairA(), v.pairB(), v.correlation(),
                            alertRule.threshold(), Severity.CRITICAL, asOf))
                    .toList();
            List<Tuple> states = verdicts.stream().map(v -> AlertStateRepository.row(
                    new AlertStateRepository.Key(v.pairA(), v.pairB()), v.correlation(), v.alerting(), asOf))
                    .toList();
            return results.store(tx, matrix, best).chain(() -> alertStates.save(tx, states))
                    .chain(() -> storedAlerts.insert(tx, alerts))
                    .map(stored -> new Outcome(status, asOf, matrix, best, stored, message, true));
        });
    }

    /**
     * After the commit: cache, then data_ready, then alerts. A Redis hiccup is logged, never undoes the run; alerts that
     * did not go out are sent later by the kit's AlertAnnouncer.
     */
    private Uni<Void> announce(Outcome outcome) {
        CorrelationMatrix matrix = outcome.matrix();
        long ttl = config.correlationTtl().toSeconds();
        CorrelationReady ready = new CorrelationReady(clock.instant(), matrix.asOf(), matrix.window(), matrix.pairs(),
                (int) matrix.valued(), outcome.best().size());
        Uni<Void> cache = redis.value(String.class).setex(channels.correlationMatrixKey(), ttl, toJson(MatrixView.of(matrix)))
                .chain(() -> redis.value(String.class).setex(channels.bestPairsKey(), ttl,
                        toJson(outcome.best().stream().map(BestPairView::of).toList())));
        Uni<Void> publishReady = publisher.publish(channels.dataReady(), ready);
        Uni<Void> publishAlerts = announcer.announce(outcome.alerts());
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

    private static RunSummary summary(long id, Outcome o) {
        CorrelationMatrix m = o.matrix();
        return new RunSummary(id, o.status(), o.asOf(), m == null ? 0 : m.pairs().size(),
                m == null ? 0 : m.entries().size(), m == null ? 0 : m.valued(), o.best().size(), o.alerts().size(),
                o.message());
    }
}
