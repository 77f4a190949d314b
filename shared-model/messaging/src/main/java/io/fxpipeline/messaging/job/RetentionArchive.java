package io.fxpipeline.messaging.job;

import io.fxpipeline.messaging.config.ArchiveConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The retention purge's archive ({@code DATA_ARCHIVE_DIR}): gzip files of rows, written before the rows they hold are
 * deleted. A file is merged with what it already holds, written to a temporary file, flushed and fsynced, then
 * renamed into place atomically (and the folder fsynced), so a crash leaves the old file or the new one, never half
 * of one. File I/O blocks: it runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class RetentionArchive {

    /** The variable named in every error, so an operator knows which setting to fix. */
    static final String VARIABLE = "DATA_ARCHIVE_DIR";

    private final Optional<Path> dir;

    public RetentionArchive(ArchiveConfig config) {
        this.dir = config.dir();
    }

    /** Checks the folder at start-up where a purge archives, so a wrong path stops the service, not a nightly run. */
    void onStart(@Observes StartupEvent event, Instance<RetentionPurge> purges) {
        if (dir.isPresent() && purges.stream().anyMatch(p -> !p.archived().isEmpty())) {
            check(dir.get());
            Log.infof("retention archives purged rows to %s=%s", VARIABLE, dir.get().toAbsolutePath());
        }
    }

    /** Whether purged rows are archived ({@code DATA_ARCHIVE_DIR} is set). */
    public boolean enabled() {
        return dir.isPresent();
    }

    /**
     * Creates {@code folder} when missing and proves it writable by writing and deleting a file there; throws an
     * {@link IllegalStateException} naming {@code DATA_ARCHIVE_DIR} otherwise.
     */
    public static void check(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException(VARIABLE + "=" + folder + ": the archive folder does not exist and cannot be"
                    + " created (" + e + ")", e);
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(VARIABLE + "=" + folder + ": not a folder");
        }
        try {
            Path probe = Files.createTempFile(folder, ".write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalStateException(VARIABLE + "=" + folder + ": the archive folder is not writable (" + e + ")", e);
        }
    }

    /**
     * Moves {@code table}'s rows older than {@code cutoff} to the archive in {@code tx}, a month at a time; answers
     * how many rows were archived and deleted. Fails (and so rolls the transaction back) when a file cannot be written.
     */
    Uni<Integer> move(SqlClient tx, ArchivedTable table, Instant cutoff) {
        return table.oldest(tx, cutoff).chain(oldest -> {
            if (oldest.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<YearMonth> months = new ArrayList<>();
            YearMonth last = YearMonth.from(cutoff.minusNanos(1).atOffset(ZoneOffset.UTC));
            for (YearMonth m = YearMonth.from(oldest.get().atOffset(ZoneOffset.UTC)); !m.isAfter(last); m = m.plusMonths(1)) {
                months.add(m);
            }
            return Multi.createFrom().iterable(months)
                    .onItem().transformToUniAndConcatenate(month -> {
                        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                        Instant next = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                        Instant to = next.isBefore(cutoff) ? next : cutoff;
                        return table.deleteMonth(tx, month, from, to).chain(this::write);
                    })
                    .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))
                    .invoke(rows -> Log.infof("retention: archived %d rows of %s before %s to %s", rows, table.name(),
                            cutoff, dir.orElseThrow()));
        });
    }

    /** Writes the files (each merged with what it holds) on a worker thread; answers how many rows they carried. */
    Uni<Integer> write(List<ArchiveFile> files) {
        if (files.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Path folder = dir.orElseThrow(() -> new IllegalStateException(VARIABLE + " is not set"));
        // blocking file I/O and fsync: a worker thread, not the event loop that runs the purge's queries
        return Uni.createFrom().item(() -> {
            int rows = 0;
            for (ArchiveFile file : files) {
                writeFile(folder, file);
                rows += file.lines().size();
            }
            return rows;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static void writeFile(Path folder, ArchiveFile file) {
        Path target = folder.resolve(file.name());
        Path temporary = folder.resolve("." + file.name() + "." + UUID.randomUUID() + ".tmp");
        try {
            Map<String, String> rows = new TreeMap<>();
            if (Files.exists(target)) {
                read(target, file.header(), rows);
            }
            file.lines().forEach(line -> rows.put(key(line), line));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                GZIPOutputStream gzip = new GZIPOutputStream(Channels.newOutputStream(channel), 65536);
                Writer out = new OutputStreamWriter(gzip, StandardCharsets.UTF_8);
                out.write(file.header());
                out.write('\n');
                for (String line : rows.values()) {
                    out.write(line);
                    out.write('\n');
                }
                out.flush();
                gzip.finish();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel folderChannel = FileChannel.open(folder, StandardOpenOption.READ)) {
                folderChannel.force(true); // the rename itself survives a crash
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the write failed already; that failure is the one reported
            }
            throw new UncheckedIOException(VARIABLE + ": could not write the archive file " + target
                    + ", so nothing was purged: " + e, e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static void read(Path file, String header, Map<String, String> rows) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            if (first == null || !first.equals(header)) {
                throw new IOException(file + " does not start with the header '" + header + "'");
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.put(key(line), line);
                }
            }
        }
    }

    private static String key(String line) {
        int comma = line.indexOf(',');
        return comma < 0 ? line : line.substring(0, comma);
    }
}
