package io.fxpipeline.deploy;

import io.fxpipeline.model.Pair;
import io.fxpipeline.model.TrackedPairs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A folder of replay files in the shipped format ({@code <PAIR>.csv}, {@code time,open,high,low,close,volume}) of any
 * length and bar size, for the throughput benchmarks: the shipped set holds 12 weeks, a benchmark needs a year of
 * H1 or a month of M1. SYNTHETIC: a seeded random walk of eight currencies' dollar values with one common dollar
 * factor, each pair the ratio of its two currencies; market hours Sunday 22:00 to Friday 21:00 UTC. Written under
 * target/, never shipped.
 */
final class GeneratedReplay {

    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CHF", "AUD", "CAD", "NZD"};
    private static final double[] START_VALUE = {1.0, 1.0850, 1.2700, 1 / 148.50, 1 / 0.8800, 0.6600, 1 / 1.3500, 0.6100};
    private static final int STEPS = 6;

    final Path dir;
    final Instant first;
    /** The open time of the bar after the last one: a replay clock started here finds every bar complete. */
    final Instant end;
    final long candles;

    private GeneratedReplay(Path dir, Instant first, Instant end, long candles) {
        this.dir = dir;
        this.first = first;
        this.end = end;
        this.candles = candles;
    }

    /** {@code bars} bars of {@code barLength} for every tracked pair, from {@code first} (a market hour), seeded. */
    static GeneratedReplay write(Path dir, Instant first, Duration barLength, int bars, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        double[] logValue = new double[CURRENCIES.length];
        for (int c = 0; c < CURRENCIES.length; c++) {
            logValue[c] = Math.log(START_VALUE[c]);
        }
        double sigma = 0.0011 * Math.sqrt(barLength.toSeconds() / 3600.0) / Math.sqrt(STEPS);
        Map<Pair, BufferedWriter> out = new LinkedHashMap<>();
        for (Pair pair : TrackedPairs.DEFAULT) {
            BufferedWriter w = Files.newBufferedWriter(dir.resolve(pair.name() + ".csv"));
            w.write("time,open,high,low,close,volume\n");
            out.put(pair, w);
        }
        Instant time = first;
        double[][] path = new double[STEPS + 1][CURRENCIES.length];
        int written = 0;
        while (written < bars) {
            if (!marketOpen(time)) {
                time = time.plus(barLength);
                continue;
            }
            path[0] = logValue.clone();
            for (int s = 1; s <= STEPS; s++) {
                double dollar = random.nextGaussian();
                for (int c = 1; c < CURRENCIES.length; c++) {
                    logValue[c] += sigma * (0.6 * dollar + 0.8 * random.nextGaussian());
                }
                path[s] = logValue.clone();
            }
            for (Map.Entry<Pair, BufferedWriter> e : out.entrySet()) {
                int base = index(e.getKey().name().substring(0, 3));
                int quote = index(e.getKey().name().substring(4));
                int scale = quote == 3 ? 3 : 5;
                double open = 0;
                double close = 0;
                double high = 0;
                double low = Double.MAX_VALUE;
                for (int s = 0; s <= STEPS; s++) {
                    double price = Math.exp(path[s][base] - path[s][quote]);
                    open = s == 0 ? price : open;
                    close = price;
                    high = Math.max(high, price);
                    low = Math.min(low, price);
                }
                e.getValue().write(time + "," + price(open, scale) + "," + price(high, scale) + "," + price(low, scale)
                        + "," + price(close, scale) + "," + (500 + random.nextInt(3000)) + "\n");
            }
            written++;
            time = time.plus(barLength);
        }
        for (BufferedWriter w : out.values()) {
            w.close();
        }
        return new GeneratedReplay(dir, first, time, (long) bars * TrackedPairs.DEFAULT.size());
    }

    /** Rounded after high and low were taken, so high ≥ open, close ≥ low still hold at the file's precision. */
    private static BigDecimal price(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN);
    }

    private static int index(String currency) {
        for (int c = 0; c < CURRENCIES.length; c++) {
            if (CURRENCIES[c].equals(currency)) {
                return c;
            }
        }
        throw new IllegalArgumentException(currency);
    }

    static boolean marketOpen(Instant time) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        DayOfWeek d = t.getDayOfWeek();
        return switch (d) {
            case SATURDAY -> false;
            case SUNDAY -> t.getHour() >= 22;
            case FRIDAY -> t.getHour() < 21;
            default -> true;
        };
    }
}
