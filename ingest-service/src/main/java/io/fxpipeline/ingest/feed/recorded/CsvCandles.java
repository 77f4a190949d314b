package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.fxpipeline.model.message.Candle;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads recorded candles in the {@code time,open,high,low,close,volume} format, one file per pair. Strict: a bad
 * line stops the read with its file and line number, so a replay never plays half a file silently.
 */
public final class CsvCandles {

    public static final String HEADER = "time,open,high,low,close,volume";

    private CsvCandles() {
    }

    public static List<Candle> read(Path file, Granularity granularity) throws IOException {
        List<Candle> candles = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
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
