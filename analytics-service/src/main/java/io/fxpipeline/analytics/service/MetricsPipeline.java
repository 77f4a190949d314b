package io.fxpipeline.analytics.service;

import io.fxpipeline.analytics.alert.AlertStep;
import io.fxpipeline.analytics.config.AnalyticsConfig;
import io.fxpipeline.analytics.metrics.MetricsCalculator;
import io.fxpipeline.analytics.metrics.Ohlc;
import io.fxpipeline.analytics.store.AlertRepository;
import io.fxpipeline.analytics.store.AnalyticsRepository;
import io.fxpipeline.analytics.store.SeriesExtension;
import io.fxpipeline.analytics.store.StoredTailMoved;
import io.fxpipeline.messaging.alert.AlertAnnouncer;
import io.fxpipeline.messaging.alert.StoredAlert;
import io.fxpipeline.messaging.publish.Publisher;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.fxpipeline.model.sequence.Series;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What analytics does with candles: store them, recompute metrics forward from the earliest candle that
 * changed (so out-of-order, duplicate and corrected deliveries end in the same rows as in-order ones), decide
 * alerts, all atomically; then cache the newest row and announce metrics and alerts. Candles that only extend a
 * series are computed from its {@link RecentWindow} instead of reading the tail back, and stored in one statement
 * ({@link SeriesExtension}); window and alert state are read from PostgreSQL once after a start or a failure.
 */
@ApplicationScoped
public class MetricsPipeline {

    private final AnalyticsRepository repository;
    private final AnalyticsConfig config;
    private final ReactiveRedisDataSource redis;
    private final Publisher publisher;
    private final Channels channels;
    private final MetricsCalculator calculator;
    private final Clock clock = Clock.systemUTC();
    private final Counter metricRows;
    private final AlertRepository alerts;
    private final AlertAnnouncer announcer;
    private final RecentWindows windows;
    private final KnownAlertStates states;
    private final SeriesExtension extension;
    private final Counter oneStatement;
    private final Counter inTransaction;
    private final Counter refused;

    public MetricsPipeline(AnalyticsRepository repository, AnalyticsConfig config, ReactiveRedisDataSource redis,
            Publisher publisher, MeterRegistry meters, AlertRepository alerts, AlertAnnouncer announcer,
            RecentWindows windows, KnownAlertStates states, SeriesExtension extension) {
        this.states = states;
        this.extension = extension;
        this.alerts = alerts;
        this.announcer = announcer;
        this.windows = windows;
        this.repository = repository;
        this.config = config;
        this.redis = redis;
        this.publisher = publisher;
        this.channels = publisher.channels();
        this.calculator = new MetricsCalculator(config.periodsPerYear());
        this.metricRows = meters.counter("fx.analytics.metric.rows.stored");
        this.oneStatement = meters.counter("fx.analytics.stores", "path", "one_statement");
        this.inTransaction = meters.counter("fx.analytics.stores", "path", "transaction");
        this.refused = meters.counter("fx.analytics.stores.refused");
    }

    /**
     * The result of one message: rows written, the alert step decided on the newest and the alert it stored, the
     * series' window after it.
     */
    record Outcome(List<VolatilityMetrics> metrics, Optional<AlertStep> step,
            Optional<StoredAlert<VolatilityAlert>> alert, Optional<RecentWindow> window) {
        static final Outcome NOTHING = new Outcome(List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Uni<Void> apply(CandlesReady message) {
        Pair pair = message.pair();
        Granularity granularity = message.granularity();
        Series series = new Series(pair, granularity);
        return extendInOneStatement(series, message)
                .chain(done -> done.isPresent() ? Uni.createFrom().item(done.get()) : storeInTransaction(series, message))
                // committed: window and state now equal the stored ones; after a failure nobody knows: read them again
                .invoke(outcome -> {
                    outcome.window().ifPresent(w -> windows.put(series, w));
                    outcome.step().ifPresent(step -> states.put(pair, step.now()));
                })
                .onFailure().invoke(() -> forget(series))
                .call(outcome -> outcome.metrics().isEmpty() ? Uni.createFrom().voidItem()
                        : announce(pair, granularity, outcome))
                .invoke(outcome -> metricRows.increment(outcome.metrics().size()))
                .replaceWithVoid();
    }

    /**
     * The live hour and an in-order backfill: every candle newer than the series' window. Metrics and alert are decided
     * in memory and stored in one statement. Empty when that does not apply, or when the statement found the stored
     * series or state moved (then nothing was stored and both are forgotten).
     */
    private Uni<Optional<Outcome>> extendInOneStatement(Series series, CandlesReady message) {
        return known(series).chain(known -> extend(series, message, known));
    }

    /** A series' window and its pair's alert state, each as stored at the last commit or read. */
    private record Known(RecentWindow window, Optional<Severity> state) {
    }

    /**
     * The window and alert state held in memory, or, after a start, a failure or a recompute, read from PostgreSQL in
     * one snapshot: so the first message of a series (a backfill's first page of 5,000 candles) takes the one
     * statement too, instead of storing its prices and then updating the same rows with their metrics.
     */
    private Uni<Known> known(Series series) {
        Optional<RecentWindow> window = windows.get(series);
        Optional<Optional<Severity>> state = states.get(series.pair());
        if (window.isPresent() && state.isPresent()) {
            return Uni.createFrom().item(new Known(window.get(), state.get()));
        }
        return repository.storedTail(series.pair(), series.granularity(), MetricsCalculator.LOOKBACK).map(tail -> {
            RecentWindow read = new RecentWindow(tail.candles(), tail.firstIndex(), tail.atr());
            windows.put(series, read);
            states.put(series.pair(), tail.alertState());
            return new Known(read, tail.alertState());
        });
    }

    private Uni<Optional<Outcome>> extend(Series series, CandlesReady message, Known known) {
        Pair pair = series.pair();
        RecentWindow window = known.window();
        if (!window.isFollowedBy(message.candles().get(0).time())) {
            return Uni.createFrom().item(Optional.empty());
        }
        RecentWindow.Continued continued = window.extend(calculator,
                message.candles().stream().map(Ohlc::of).toList()); // ascending: the codec refuses anything else
        VolatilityMetrics newest = continued.metrics().get(continued.metrics().size() - 1);
        Optional<AlertStep> step = AlertStep.decide(pair, series.granularity(), known.state(), newest,
                config.alerts().thresholdFor(pair), clock);
        return extension.store(pair, series.granularity(), window.newest(), message.candles(),
                        continued.metrics(), step)
                .map(id -> Optional.of(new Outcome(continued.metrics(), step,
                        id.map(i -> new StoredAlert<>(i, step.orElseThrow().alert().orElseThrow())),
                        Optional.of(continued.window()))))
                .invoke(() -> oneStatement.increment())
                .onFailure(StoredTailMoved.class).recoverWithItem(moved -> {
                    refused.increment();
                    Log.infof("%s; reading the series back in a transaction", moved.getMessage());
                    forget(series);
                    return Optional.empty();
                });
    }

    private Uni<Outcome> storeInTransaction(Series series, CandlesReady message) {
        Pair pair = series.pair();
        Granularity granularity = series.granularity();
        return repository.pool().withTransaction(tx -> repository.upsertCandles(tx, pair, granularity, message.candles())
                        .chain(changed -> changed.isEmpty() ? Uni.createFrom().item(Outcome.NOTHING)
                                : compute(tx, series, message, changed)
                                        .call(c -> repository.updateMetrics(tx, pair, granularity, c.metrics()))
                                        .chain(c -> decideAlert(tx, series, c))))
                .invoke(() -> inTransaction.increment());
    }

    private void forget(Series series) {
        windows.forget(series);
        states.forget(series.pair());
    }

    /**
     * Candles that only extend the series continue the window in memory; anything else (no window yet, a late or
     * corrected candle) recomputes forward from the earliest changed candle with the tail read from PostgreSQL. Both
     * give the same rows: the calculator sees the same inputs.
     */
    private Uni<RecentWindow.Continued> compute(SqlClient tx, Series series, CandlesReady message, List<Instant> changed) {
        Instant earliest = Collections.min(changed);
        Optional<RecentWindow> window = windows.get(series);
        if (window.isPresent() && window.get().isFollowedBy(earliest)) {
            List<Ohlc> added = newerThan(message, window.get());
            // Everything newer than the stored tail was inserted now; a different count means the window is stale.
            if (added.size() == changed.size()) {
                return Uni.createFrom().item(window.get().extend(calculator, added));
            }
        }
        return repository.recomputeInput(tx, series.pair(), series.granularity(), earliest, MetricsCalculator.LOOKBACK)
                .map(in -> {
                    List<VolatilityMetrics> metrics = calculator.compute(in.candles(), in.firstIndex(),
                            in.fromPosition(), in.atrBefore());
                    return new RecentWindow.Continued(metrics,
                            RecentWindow.ending(in.candles(), in.firstIndex(), metrics));
                });
    }

    private static List<Ohlc> newerThan(CandlesReady message, RecentWindow window) {
        List<Ohlc> added = new ArrayList<>();
        for (Candle candle : message.candles()) { // ascending: the codec refuses anything else
            if (window.isFollowedBy(candle.time())) {
                added.add(Ohlc.of(candle));
            }
        }
        return added;
    }

    /** Only the newest candle can move a pair into a severity; its state is read and kept in the same transaction. */
    private Uni<Outcome> decideAlert(SqlClient tx, Series series, RecentWindow.Continued c) {
        Pair pair = series.pair();
        VolatilityMetrics newest = c.metrics().get(c.metrics().size() - 1);
        if (newest.hv20() == null) {
            return Uni.createFrom().item(new Outcome(c.metrics(), Optional.empty(), Optional.empty(), Optional.of(c.window())));
        }
        return repository.alertState(tx, pair).chain(before -> {
            AlertStep step = AlertStep.decide(pair, series.granularity(), before, newest,
                    config.alerts().thresholdFor(pair), clock).orElseThrow();
            Uni<Void> save = step.changesState() ? repository.saveAlertState(tx, pair, step.now(), newest.time())
                    : Uni.createFrom().voidItem();
            return save.chain(() -> step.alert().map(a -> alerts.insert(tx, a).map(Optional::of))
                            .orElseGet(() -> Uni.createFrom().item(Optional.empty())))
                    .map(stored -> new Outcome(c.metrics(), Optional.of(step), stored, Optional.of(c.window())));
        });
    }

    /**
     * After the commit. A Redis failure is logged: the rows are stored and a replay re-announces them; an alert that
     * did not go out is sent later by the kit's AlertAnnouncer.
     */
    private Uni<Void> announce(Pair pair, Granularity granularity, Outcome outcome) {
        List<VolatilityMetrics> metrics = outcome.metrics();
        VolatilityMetrics newest = metrics.get(metrics.size() - 1);
        Uni<Void> cache = cacheNewest(channels.metricsKey(pair), cacheFields(newest))
                .ifNoItem().after(Publisher.TIMEOUT).fail();
        Uni<Void> publish = metrics.size() > MetricsReady.MAX_ROWS_CARRIED
                ? publisher.publish(channels.dataReady(), MetricsReady.bulk(clock.instant(), pair, granularity,
                        metrics.get(0).time(), newest, metrics.size()))
                : publisher.publishChunked(channels.dataReady(), metrics,
                        (chunk, last) -> MetricsReady.of(clock.instant(), pair, granularity, chunk));
        Uni<Void> alert = announcer.announce(outcome.alert().stream().toList());
        return cache.chain(() -> publish).chain(() -> alert)
                .onFailure().invoke(f -> Log.errorf(f, "metrics of %s up to %s stored but not fully announced", pair,
                        newest.time()))
                .onFailure().recoverWithNull();
    }

    /**
     * Replaces the pair's hash and its TTL in one MULTI/EXEC sent as one batch: one round trip instead of three on the
     * live path, and no reader ever sees the hash deleted but not yet written.
     */
    private Uni<Void> cacheNewest(String key, Map<String, String> fields) {
        Request hset = Request.cmd(Command.HSET).arg(key);
        fields.forEach((field, value) -> hset.arg(field).arg(value));
        return redis.getRedis().batch(List.of(Request.cmd(Command.MULTI), Request.cmd(Command.DEL).arg(key), hset,
                        Request.cmd(Command.EXPIRE).arg(key).arg(config.metricsTtl().toSeconds()), Request.cmd(Command.EXEC)))
                .invoke(replies -> {
                    Response exec = replies.get(replies.size() - 1);
                    if (exec == null || exec.type() != ResponseType.MULTI) {
                        throw new IllegalStateException("the cache transaction for " + key + " was not executed");
                    }
                    for (Response reply : exec) {
                        if (reply != null && reply.type() == ResponseType.ERROR) {
                            throw new IllegalStateException("caching " + key + " failed: " + reply);
                        }
                    }
                })
                .replaceWithVoid();
    }

    static Map<String, String> cacheFields(VolatilityMetrics m) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("time", m.time().toString());
        put(fields, "close", m.close());
        put(fields, "hv_20", m.hv20());
        put(fields, "hv_50", m.hv50());
        put(fields, "sma_15", m.sma15());
        put(fields, "sma_30", m.sma30());
        put(fields, "sma_50", m.sma50());
        put(fields, "bb_upper", m.bbUpper());
        put(fields, "bb_middle", m.bbMiddle());
        put(fields, "bb_lower", m.bbLower());
        put(fields, "atr_14", m.atr14());
        return fields;
    }

    private static void put(Map<String, String> fields, String name, Double value) {
        if (value != null) {
            fields.put(name, Double.toString(value)); // shortest exact round-trip form of the double
        }
    }

    /** Recompute a whole pair from its stored candles (admin). Returns the rows written. */
    public Uni<Integer> recomputeAll(Pair pair, Granularity granularity) {
        return repository.pool().withTransaction(tx -> repository.recomputeInput(tx, pair, granularity, Instant.EPOCH, 0)
                .chain(in -> {
                    if (in.candles().isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // A whole history is CPU work (~12 ms a year): off the event loop, then back to the SQL client.
                    return Uni.createFrom().item(() -> calculator.computeAll(in.candles()))
                            .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                            .chain(metrics -> repository.updateMetrics(tx, pair, granularity, metrics).replaceWith(metrics.size()));
                }))
                .eventually(() -> windows.forget(new Series(pair, granularity)));
    }
}
