package io.fxpipeline.ingest.job;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.service.CandleSync;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.ScheduledJob;
import io.fxpipeline.messaging.job.Skip;
import io.fxpipeline.model.Granularity;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * Hourly at :00:05 UTC: fetch the last two candle periods of every pair from the feed, store and announce the
 * complete ones; a pair whose newest stored candle is older (the service was down, or the pair failed in earlier
 * runs) is fetched from that candle on, up to the retention, so an outage leaves no hole. One run at a time across
 * all replicas (advisory lock); a failing pair is reported in job_runs while the others are stored.
 */
@ApplicationScoped
public class HourlyCandleJob extends ScheduledJob {

    /** Periods fetched back from the present: the one just closed and the one before, in case it was late. */
    static final int LOOKBACK = 2;

    private final CandleSync sync;
    private final CandleRepository candles;
    private final Pool pool;
    private final JobRuns runs;
    private final IngestConfig config;
    private final TokenSignal tokenSignal;

    public HourlyCandleJob(CandleSync sync, CandleRepository candles, Pool pool, JobRuns runs, IngestConfig config,
            TokenSignal tokenSignal) {
        this.tokenSignal = tokenSignal;
        this.sync = sync;
        this.candles = candles;
        this.pool = pool;
        this.runs = runs;
        this.config = config;
    }

    @Scheduled(identity = "hourly-candles", cron = "5 0 * * * ?", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> hourly() {
        return scheduled();
    }

    @Override
    public String name() {
        return IngestJobs.HOURLY;
    }

    /** One run now; SKIPPED when another run (any replica) holds the lock. */
    public Uni<JobRuns.Outcome> run() {
        return run(Instant.now());
    }

    @Override
    public Uni<JobRuns.Outcome> run(Instant started) {
        // The feed's present, read here on the caller's thread: for a replay it may load the recorded files.
        Instant now = sync.source().now();
        return runs.runExclusively(IngestJobs.HOURLY, started, id -> fetchAll(now, started).call(fetch -> tokenSignal.after(started, fetch))
                .map(fetch -> {
            JobRuns.Outcome outcome = fetch.outcome();
            Log.infof("hourly candles: %d pairs, %d candles received, %d stored, %d rejected, %d still forming, "
                    + "%d pairs failed%s", fetch.pairs().size(), fetch.received(), fetch.stored(), fetch.rejected(),
                    fetch.pending(), fetch.failed().size(),
                    outcome.error() == null ? "" : " (" + outcome.error() + ")");
            return outcome;
        }));
    }

    private Uni<PairsFetch> fetchAll(Instant now, Instant started) {
        Granularity g = config.granularity();
        Instant lookback = g.floor(now).minus(g.length().multipliedBy(LOOKBACK));
        Instant oldest = now.minus(Duration.ofDays(config.retentionDays()));
        return Multi.createFrom().iterable(config.pairs())
                .onItem().transformToUni(pair -> tokenSignal.notAsked(pair, started).map(Uni.createFrom()::item)
                        .orElseGet(() -> candles.span(pool, pair, g)
                        .map(span -> from(span, lookback, oldest))
                        .chain(from -> sync.sync(pair, g, from, received -> { }))))
                .merge(Math.max(1, config.fetchConcurrency()))
                .collect().asList()
                .map(PairsFetch::new);
    }

    /** The lookback, or the newest stored candle (re-read, unchanged) when that is older, but never past the retention. */
    static Instant from(CandleRepository.Span span, Instant lookback, Instant oldest) {
        if (span.isEmpty() || !span.newest().isBefore(lookback)) {
            return lookback;
        }
        return span.newest().isBefore(oldest) ? oldest : span.newest();
    }

    /** Skips the schedule when {@code HOURLY_JOB_ENABLED=false} or the process runs a one-off command. */
    @Singleton
    public static class Disabled extends Skip.Unless {

        private final IngestConfig config;

        public Disabled(IngestConfig config) {
            super(config);
            this.config = config;
        }

        @Override
        protected boolean on() {
            return config.jobs().hourlyEnabled();
        }
    }
}
