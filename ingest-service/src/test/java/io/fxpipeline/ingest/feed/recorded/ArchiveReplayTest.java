package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.OandaFeed;
import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.job.RetentionJob;
import io.fxpipeline.ingest.service.CandleIngestion;
import io.fxpipeline.ingest.store.CandleRepository;
import io.fxpipeline.messaging.alert.SystemAlerts;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.testing.ChannelRecorder;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Retention with DATA_ARCHIVE_DIR against real PostgreSQL: candles past the retention are archived (gzip CSV per pair
 * and month, in the replay format) and then deleted; the archive played back through the recorded feed into an
 * emptied table gives the same candles; an archive folder that cannot be written leaves every row in place and fails
 * the run, which job_failed announces on system_alerts.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(ArchiveReplayTest.Archiving.class)
class ArchiveReplayTest {

    /** A fixed path: the profile and the test see this class from two class loaders. */
    static final Path ARCHIVE = Path.of("target", "retention-archive").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Pairs no other test class writes. */
    private static final Pair PAIR = Pair.of("CAD_NZD");
    private static final Pair KEPT_PAIR = Pair.of("CHF_CAD");

    /** The OANDA profile (schedules off) with an archive folder, emptied before the app starts. */
    public static class Archiving extends OandaFeed {
        @Override
        public Map<String, String> getConfigOverrides() {
            delete(ARCHIVE);
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("fx.archive.dir", ARCHIVE.toString());
            return overrides;
        }
    }

    @Inject
    RetentionJob job;

    @Inject
    CandleIngestion ingestion;

    @Inject
    CandleRepository repository;

    @Inject
    IngestConfig config;

    @Inject
    JobRuns runs;

    @Inject
    Pool pool;

    @Inject
    SystemAlerts alerts;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void candlesPastTheRetentionAreArchivedThenDeletedAndTheArchiveReplaysToTheSameCandles() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // 1,200 market hours (10 weeks) from the first of a month, all of them past the retention whatever today's
        // date: the month starts 100 to 130 days before the cutoff. Two or three month files.
        Instant start = YearMonth.from(now.minus(Duration.ofDays(config.retentionDays() + 130L)).atOffset(ZoneOffset.UTC))
                .plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Candle> old = OandaAnswers.history(PAIR, start, 1200);
        Candle recent = withTime(old.get(0), OandaAnswers.hoursAgo(3));
        ingestion.store(PAIR, Granularity.H1, "oanda", old).await().atMost(WAIT);
        ingestion.store(PAIR, Granularity.H1, "oanda", List.of(recent)).await().atMost(WAIT);
        List<Candle> stored = stored(PAIR);
        assertThat(stored).hasSize(1201);

        // a purge whose cutoff is the 15th of the first month, then today's: the first month's file is written twice
        Instant midMonth = start.plus(Duration.ofDays(14));
        JobRuns.Outcome first = job.run(midMonth.plus(Duration.ofDays(config.retentionDays()))).await().atMost(WAIT);
        long firstHalf = old.stream().filter(c -> c.time().isBefore(midMonth)).count();
        assertThat(first.status()).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(stored(PAIR)).hasSize((int) (1201 - firstHalf));
        JobRuns.Outcome second = job.run(now).await().atMost(WAIT);
        assertThat(second.status()).isEqualTo(JobRuns.Status.SUCCEEDED);
        assertThat(second.records()).isGreaterThanOrEqualTo((int) (1200 - firstHalf));

        assertThat(stored(PAIR)).as("only the candle inside the retention is left").containsExactly(recent);
        List<String> expectedFiles = old.stream().map(c -> YearMonth.from(c.time().atOffset(ZoneOffset.UTC))).distinct()
                .map(m -> CsvCandles.archiveName(PAIR, Granularity.H1, m)).toList();
        assertThat(expectedFiles).hasSizeGreaterThanOrEqualTo(2);
        try (Stream<Path> files = Files.list(ARCHIVE)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(PAIR.name())))
                    .as("one gzip file per month, no temporary file left").containsExactlyInAnyOrderElementsOf(expectedFiles);
        }
        assertThat(CsvCandles.read(ARCHIVE.resolve(expectedFiles.get(0)), Granularity.H1))
                .as("the first month holds both purges' candles, in order")
                .isEqualTo(old.stream().filter(c -> YearMonth.from(c.time().atOffset(ZoneOffset.UTC))
                        .equals(YearMonth.from(start.atOffset(ZoneOffset.UTC)))).toList());

        // the table emptied, then the archive folder played by the recorded feed (FX_FEED=replay FX_REPLAY_DIR=archive)
        pool.preparedQuery("DELETE FROM ingest.candles WHERE pair = $1").execute(Tuple.of(PAIR.name())).await().atMost(WAIT);
        IngestConfig replay = replayOf(config, ARCHIVE, List.of(PAIR));
        RecordedFeed feed = new RecordedFeed(replay, ingestion, new RecordedHistory(replay), pool, repository, alerts);
        feed.onStart(null);
        await().atMost(WAIT).until(() -> {
            feed.tick().await().atMost(WAIT);
            return stored(PAIR).size() == old.size();
        });

        assertThat(stored(PAIR)).as("the replayed archive is the purged history, to the last digit").isEqualTo(stored.subList(0, 1200));
        pool.preparedQuery("DELETE FROM ingest.candles WHERE pair = $1").execute(Tuple.of(PAIR.name())).await().atMost(WAIT);
    }

    @Test
    void anArchiveFolderThatCannotBeWrittenLeavesEveryRowAndFailsTheRun() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Candle> old = OandaAnswers.history(KEPT_PAIR, now.minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.HOURS), 100);
        ingestion.store(KEPT_PAIR, Granularity.H1, "oanda", old).await().atMost(WAIT);
        Channels channels = new Channels(prefix);
        MessageCodec codec = new MessageCodec();
        // the volume went away: a plain file where the folder was (root ignores permission bits, so no chmod)
        delete(ARCHIVE);
        Files.writeString(ARCHIVE, "not a folder");
        try (ChannelRecorder alerts = ChannelRecorder.subscribe(redisHosts, channels.systemAlerts())) {
            assertThatThrownBy(() -> job.run(now).await().atMost(WAIT))
                    .hasMessageContaining("DATA_ARCHIVE_DIR").hasMessageContaining("nothing was purged");

            assertThat(stored(KEPT_PAIR)).as("every row is still there").hasSize(100);
            assertThat(runs.latest(RetentionJob.NAME, 1).await().atMost(WAIT)).singleElement().satisfies(run -> {
                assertThat(run.status()).isEqualTo("FAILED");
                assertThat(run.error()).contains("DATA_ARCHIVE_DIR", ARCHIVE.toString());
            });
            await().atMost(WAIT).until(() -> alerts.payloads(channels.systemAlerts()).stream()
                    .map(p -> codec.decode(p, SystemAlert.class))
                    .anyMatch(a -> a.kind() == SystemAlert.Kind.JOB_FAILED && a.subject().equals(RetentionJob.NAME)
                            && a.message().contains("DATA_ARCHIVE_DIR")));
        } finally {
            Files.deleteIfExists(ARCHIVE);
            Files.createDirectories(ARCHIVE);
            pool.preparedQuery("DELETE FROM ingest.candles WHERE pair = $1").execute(Tuple.of(KEPT_PAIR.name()))
                    .await().atMost(WAIT);
        }
    }

    private List<Candle> stored(Pair pair) {
        return repository.range(pool, pair, Granularity.H1, Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)), 100_000)
                .await().atMost(WAIT);
    }

    private static Candle withTime(Candle c, Instant time) {
        return new Candle(time, c.open(), c.high(), c.low(), c.close(), c.volume());
    }

    /** The service's configuration as FX_FEED=replay FX_REPLAY_DIR={@code dir} would give it, for a few pairs. */
    private static IngestConfig replayOf(IngestConfig base, Path dir, List<Pair> pairs) {
        IngestConfig.Replay replay = proxy(IngestConfig.Replay.class, base.replay(), Map.of(
                "dir", Optional.of(dir), "start", Optional.empty(), "speed", 1.0e7));
        return proxy(IngestConfig.class, base, Map.of("feed", IngestConfig.FeedKind.replay, "replay", replay,
                "pairs", pairs, "serve", true));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T base, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (answers.containsKey(method.getName()) && method.getParameterCount() == 0) {
                return answers.get(method.getName());
            }
            try {
                return method.invoke(base, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
