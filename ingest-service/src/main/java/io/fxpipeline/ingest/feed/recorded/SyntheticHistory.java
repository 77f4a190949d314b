package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates the SYNTHETIC H1 history shipped for the replay feed: a correlated random walk of eight currencies'
 * dollar values, from which every pair is the ratio of its two currencies (so crosses are consistent:
 * EUR_JPY = EUR_USD × USD_JPY). Deterministic for a seed.
 *
 * <ul>
 *   <li>Each currency's log-value moves every 5 minutes by loadings on three common factors (the dollar,
 *   risk appetite: AUD/NZD/CAD up, JPY/CHF down; Europe: EUR/GBP/CHF) plus its own noise; an hour's candle is
 *   the open, high, low and close of its twelve 5-minute points.</li>
 *   <li>Volatility follows a slowly mean-reverting log-level with rare jumps (news days), so volatility
 *   alerts fire now and then.</li>
 *   <li>Market hours as OANDA's: Sunday 17:00 to Friday 17:00 New York time; no candles in between.</li>
 *   <li>Prices are rounded to OANDA's precision (3 decimals for JPY quotes, 5 otherwise); volume is a tick
 *   count that follows the trading sessions.</li>
 * </ul>
 * Nothing here is market data: it only looks like it, for demos and tests.
 */
public final class SyntheticHistory {

    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CHF", "AUD", "CAD", "NZD"};
    /** Dollar value of one unit at the start. */
    private static final double[] START_VALUE = {1.0, 1.0850, 1.2700, 1 / 148.50, 1 / 0.8800, 0.6600, 1 / 1.3500, 0.6100};
    /** Loadings on the dollar, risk and Europe factors, then the own-noise weight. */
    private static final double[][] LOADINGS = {
            {-0.60, 0.00, 0.00, 0.10}, // USD
            {0.00, 0.05, 0.55, 0.25}, // EUR
            {0.00, 0.15, 0.45, 0.40}, // GBP
            {0.00, -0.55, 0.00, 0.45}, // JPY
            {0.00, -0.35, 0.40, 0.35}, // CHF
            {0.00, 0.60, 0.00, 0.35}, // AUD
            {0.00, 0.30, 0.00, 0.35}, // CAD
            {0.00, 0.55, 0.00, 0.40}, // NZD
    };
    private static final int STEPS_PER_HOUR = 12;
    /** Scale of one hour's move at the base volatility (≈ 0.08 % for EUR_USD, as in real H1 data). */
    private static final double HOURLY_SIGMA = 0.0011;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private SyntheticHistory() {
    }

    /** The candles of every pair for {@code weeks} weeks of trading from {@code start} (aligned to the hour). */
    public static Map<Pair, List<Candle>> generate(List<Pair> pairs, Instant start, int weeks, long seed) {
        Random random = new Random(seed);
        double[] logValue = new double[CURRENCIES.length];
        for (int c = 0; c < CURRENCIES.length; c++) {
            logValue[c] = Math.log(START_VALUE[c]);
        }
        Map<Pair, List<Candle>> candles = new LinkedHashMap<>();
        pairs.forEach(p -> candles.put(p, new ArrayList<>()));
        double volLevel = 0;
        double sigma = HOURLY_SIGMA / Math.sqrt(STEPS_PER_HOUR);
        Instant end = start.plus(Duration.ofDays(7L * weeks));
        for (Instant hour = start; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            if (!marketOpen(hour)) {
                continue;
            }
            // Volatility: AR(1) in logs, with a rare jump (about one news hour a fortnight).
            volLevel = 0.97 * volLevel + 0.08 * random.nextGaussian() + (random.nextDouble() < 0.004 ? 1.2 : 0);
            double hourSigma = sigma * Math.exp(volLevel) * sessionActivity(hour);
            double[][] path = new double[STEPS_PER_HOUR + 1][];
            path[0] = logValue.clone();
            for (int step = 1; step <= STEPS_PER_HOUR; step++) {
                double[] factors = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
                for (int c = 0; c < CURRENCIES.length; c++) {
                    double[] w = LOADINGS[c];
                    logValue[c] += hourSigma * (w[0] * factors[0] + w[1] * factors[1] + w[2] * factors[2]
                            + w[3] * random.nextGaussian());
                }
                path[step] = logValue.clone();
            }
            long baseVolume = Math.round(400 + 3000 * sessionActivity(hour) * (0.7 + 0.6 * random.nextDouble())
                    * Math.exp(volLevel));
            for (Pair pair : pairs) {
                // per-pair jitter from the hour and the name, not the generator: a subset of pairs gets the same candles
                long jitter = Math.floorMod((pair.name().hashCode() * 31L + hour.getEpochSecond()) * 2654435761L, 200L);
                candles.get(pair).add(candle(pair, hour, path, baseVolume + jitter));
            }
        }
        return candles;
    }

    private static Candle candle(Pair pair, Instant hour, double[][] path, long volume) {
        int base = index(pair.name().substring(0, 3));
        int quote = index(pair.name().substring(4));
        int scale = pair.name().endsWith("JPY") ? 3 : 5;
        BigDecimal open = null;
        BigDecimal high = null;
        BigDecimal low = null;
        BigDecimal close = null;
        for (double[] point : path) {
            BigDecimal price = BigDecimal.valueOf(Math.exp(point[base] - point[quote])).setScale(scale, RoundingMode.HALF_EVEN);
            open = open == null ? price : open;
            high = high == null ? price : high.max(price);
            low = low == null ? price : low.min(price);
            close = price;
        }
        return new Candle(hour, open, high, low, close, volume);
    }

    /** Sunday 17:00 to Friday 17:00 New York time, as OANDA's FX week. */
    public static boolean marketOpen(Instant hour) {
        ZonedDateTime ny = hour.atZone(NEW_YORK);
        DayOfWeek day = ny.getDayOfWeek();
        LocalTime time = ny.toLocalTime();
        return switch (day) {
            case SATURDAY -> false;
            case SUNDAY -> !time.isBefore(LocalTime.of(17, 0));
            case FRIDAY -> time.isBefore(LocalTime.of(17, 0));
            default -> true;
        };
    }

    /** Relative activity by UTC hour: quiet Asian night, busy London and the London/New York overlap. */
    private static double sessionActivity(Instant hour) {
        int h = hour.atZone(ZoneId.of("UTC")).getHour();
        if (h >= 12 && h < 16) {
            return 1.3;
        }
        if (h >= 7 && h < 12 || h >= 16 && h < 20) {
            return 1.0;
        }
        return 0.6;
    }

    private static int index(String currency) {
        for (int i = 0; i < CURRENCIES.length; i++) {
            if (CURRENCIES[i].equals(currency)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no synthetic model for currency " + currency);
    }

    /** The CSV text of one pair's candles, in the replay feed's format. */
    public static String csv(List<Candle> candles) {
        StringBuilder text = new StringBuilder(CsvCandles.HEADER).append('\n');
        for (Candle c : candles) {
            text.append(c.time()).append(',').append(c.open().toPlainString()).append(',')
                    .append(c.high().toPlainString()).append(',').append(c.low().toPlainString()).append(',')
                    .append(c.close().toPlainString()).append(',').append(c.volume()).append('\n');
        }
        return text.toString();
    }
}
