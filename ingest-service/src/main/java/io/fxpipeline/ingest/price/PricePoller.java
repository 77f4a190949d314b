package io.fxpipeline.ingest.price;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.feed.oanda.OandaClient;
import io.fxpipeline.ingest.job.IngestJobs;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.Skip;
import io.fxpipeline.messaging.publish.Publisher;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.PriceUpdate;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/**
 * Every minute (PRICE_POLL_INTERVAL) with the OANDA feed: current prices of all pairs in one call; new ticks go to
 * {@code ingest.price_ticks} (PostgreSQL first), every quote refreshes {@code price:{PAIR}} (TTL CACHE_TTL_PRICE),
 * and new ticks are published on {@code price_updates}. One poller across replicas.
 */
@ApplicationScoped
public class PricePoller {

    private final OandaClient client;
    private final PriceRepository prices;
    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final JobRuns runs;
    private final IngestConfig config;
    private final MeterRegistry meters;
    private final Publisher publisher;
    private final Channels channels;
    private final MessageCodec codec;

    public PricePoller(OandaClient client, PriceRepository prices, Pool pool, ReactiveRedisDataSource redis,
            Publisher publisher, MessageCodec codec, JobRuns runs, IngestConfig config, MeterRegistry meters) {
        this.client = client;
        this.prices = prices;
        this.pool = pool;
        this.redis = redis;
        this.runs = runs;
        this.config = config;
        this.meters = meters;
        this.publisher = publisher;
        this.channels = publisher.channels();
        this.codec = codec;
    }

    @Scheduled(identity = "prices", every = "${fx.jobs.price-poll-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotOanda.class)
    Uni<Void> scheduled() {
        return poll().onFailure().invoke(e -> Log.warnf("price poll failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One poll; the outcome's records are the new ticks stored. */
    public Uni<JobRuns.Outcome> poll() {
        List<Pair> pairs = config.pairs();
        return runs.runExclusively(IngestJobs.PRICES, Instant.now(), id -> client.pricing(pairs)
                .map(body -> OandaPrices.parse(body, new HashSet<>(pairs)))
                .chain(parsed -> {
                    parsed.rejections().forEach(reason -> {
                        meters.counter("fx.ingest.prices.rejected").increment();
                        Log.warnf("price rejected: %s", reason);
                    });
                    parsed.skipped().forEach(entry -> {
                        meters.counter("fx.ingest.prices.skipped", "type", entry.type()).increment();
                        Log.debugf("price entry skipped: %s", entry);
                    });
                    return pool.withTransaction(tx -> prices.append(tx, parsed.quotes()))
                            // PostgreSQL keeps microseconds; announce the quotes as OANDA sent them (nanoseconds)
                            .map(stored -> {
                                java.util.Set<Pair> fresh = stored.stream().map(PriceQuote::pair)
                                        .collect(java.util.stream.Collectors.toSet());
                                return parsed.quotes().stream().filter(q -> fresh.contains(q.pair())).toList();
                            })
                            .call(fresh -> cache(parsed.quotes()))
                            .call(fresh -> publish(fresh))
                            .map(fresh -> new JobRuns.Outcome(parsed.rejections().isEmpty() ? JobRuns.Status.SUCCEEDED
                                    : parsed.quotes().isEmpty() ? JobRuns.Status.FAILED : JobRuns.Status.PARTIAL,
                                    fresh.size(), parsed.rejections().isEmpty() ? null : String.join("; ", parsed.rejections())));
                }));
    }

    private Uni<Void> cache(List<PriceQuote> quotes) {
        SetArgs ttl = new SetArgs().ex(config.cache().priceTtl());
        return Multi.createFrom().iterable(quotes)
                .onItem().transformToUniAndConcatenate(q -> redis.value(String.class)
                        .set(channels.priceKey(q.pair()), codec.encode(update(q)), ttl)
                        .ifNoItem().after(Publisher.TIMEOUT).fail())
                .collect().last().replaceWithVoid()
                // PostgreSQL holds the ticks; a cache miss falls back to it.
                .onFailure().invoke(e -> Log.warnf("price cache not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> publish(List<PriceQuote> fresh) {
        return publisher.publishAll(channels.priceUpdates(), fresh.stream().map(PricePoller::update).toList())
                .onFailure().invoke(e -> Log.warnf("price updates not published: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    static PriceUpdate update(PriceQuote q) {
        return new PriceUpdate(Instant.now(), q.pair(), q.bid(), q.ask(), q.mid(), q.time(), q.tradeable());
    }

    /** Prices come from OANDA only: the recorded feed has candles, not quotes. */
    @Singleton
    public static class NotOanda extends Skip.Unless {

        private final IngestConfig config;

        public NotOanda(IngestConfig config) {
            super(config);
            this.config = config;
        }

        @Override
        protected boolean on() {
            return config.feed() == IngestConfig.FeedKind.oanda;
        }
    }
}
