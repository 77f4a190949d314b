package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.fxpipeline.model.message.Candle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Recorded candles in the {@code time,open,high,low,close,volume} format: one {@code <PAIR>.csv} per pair, and the
 * retention archive's gzip files of one month each ({@code <PAIR>.<GRANULARITY>.<yyyy-MM>.csv.gz}), which the replay
 * feed reads the same way. Strict: a bad line stops the read with its file and line number, so a replay never plays
 * half a file silently.
 */
public final class CsvCandles {

    public static final String HEADER = "time,open,high,low,close,volume";

    private CsvCandles() {
    }

    /** The archive file of a series' month, e.g. {@code EUR_USD.H1.2025-01.csv.gz}. */
    public static String archiveName(Pair pair, Granularity granularity, YearMonth month) {
        return pair.name() + "." + granularity.name() + "." + month + ".csv.gz";
    }

    /** A pair's archive files in {@code dir} for {@code granularity}, oldest month first. */
    public static List<Path> archives(Path dir, Pair pair, Granularity granularity) throws IOException {
        String prefix = pair.name() + "." + granularity.name() + ".";
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".csv.gz")
                        && name.substring(prefix.length(), name.length() - ".csv.gz".length()).matches("\\d{4}-\\d{2}");
            }).sorted().toList();
        }
    }

    /** One candle as a line of the format (prices as stored, to the last digit). */
    public static String line(Candle candle) {
        return candle.time() + "," + candle.open().toPlainString() + "," + candle.high().toPlainString() + ","
                + candle.low().toPlainString() + "," + candle.close().toPlainString() + "," + candle.volume();
    }

    /** Reads a file of the format; a {@code .gz} file is gunzipped as it is read. */
    public static List<Candle> read(Path file, Granularity granularity) throws IOException {
        List<Candle> candles = new ArrayList<>();
        InputStream in = Files.newInputStream(file);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.trim().equals(HEADER)) {
                throw new IOException(file + ":1: expected the header '" + HEADER + "'");
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Candle candle = parse(file, number, line, granularity);
                if (!candles.isEmpty() && !candle.time().isAfter(candles.get(candles.size() - 1).time())) {
                    throw new IOException(file + ":" + number + ": time " + candle.time() + " is not after the previous line's");
                }
                candles.add(candle);
            }
        }
        return candles;
    }

    private static Candle parse(Path file, int number, String line, Granularity granularity) throws IOException {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IOException(file + ":" + number + ": expected 6 fields, found " + f.length);
        }
        try {
            Instant time = Instant.parse(f[0].trim());
            if (!granularity.isAligned(time)) {
                throw new IOException(file + ":" + number + ": time " + time + " is not aligned to " + granularity);
            }
            return new Candle(time, new BigDecimal(f[1].trim()), new BigDecimal(f[2].trim()), new BigDecimal(f[3].trim()),
                    new BigDecimal(f[4].trim()), Long.parseLong(f[5].trim()));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IOException(file + ":" + number + ": " + e.getMessage());
        } catch (MalformedMessageException e) {
            throw new IOException(file + ":" + number + ": " + e.getMessage());
        }
    }
}
