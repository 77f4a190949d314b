package io.fxpipeline.ingest.feed.recorded;

import io.fxpipeline.model.message.Candle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A pair's recorded candles held as columns of primitives (about 64 bytes a candle instead of about 230 as
 * objects: an Instant and four BigDecimals each), made into {@link Candle}s only when read. The replay feed keeps
 * a whole recording for the life of the service: a year of 20 pairs is 11 MB this way and filled ingest's heap the
 * other. Prices keep their scale, so {@code 1.05350} reads back as {@code 1.05350}.
 */
final class PackedCandles extends AbstractList<Candle> implements RandomAccess {

    private final long[] times;
    private final long[] unscaled; // o, h, l, c of candle i at 4i .. 4i+3
    private final int[] scales;
    private final long[] volumes;

    private PackedCandles(int size) {
        times = new long[size];
        unscaled = new long[4 * size];
        scales = new int[4 * size];
        volumes = new long[size];
    }

    /**
     * The candles packed, or the list as it is when a price does not fit a long unscaled value (the candle rule
     * allows 18 digits, so a recording never has one) or a time has nanoseconds.
     */
    static List<Candle> of(List<Candle> candles) {
        PackedCandles packed = new PackedCandles(candles.size());
        for (int i = 0; i < candles.size(); i++) {
            Candle c = candles.get(i);
            if (c.time().getNano() != 0 || !packed.put(4 * i, c.open()) || !packed.put(4 * i + 1, c.high())
                    || !packed.put(4 * i + 2, c.low()) || !packed.put(4 * i + 3, c.close())) {
                return List.copyOf(candles);
            }
            packed.times[i] = c.time().getEpochSecond();
            packed.volumes[i] = c.volume(); // required by Candle
        }
        return packed;
    }

    private boolean put(int at, BigDecimal price) {
        if (price.unscaledValue().bitLength() > 63) {
            return false;
        }
        unscaled[at] = price.unscaledValue().longValue();
        scales[at] = price.scale();
        return true;
    }

    @Override
    public Candle get(int index) {
        if (index < 0 || index >= times.length) {
            throw new IndexOutOfBoundsException(index);
        }
        int at = 4 * index;
        return new Candle(Instant.ofEpochSecond(times[index]), price(at), price(at + 1), price(at + 2), price(at + 3),
                volumes[index]);
    }

    /** A candle's open time without making the candle: the feed's clock walks the times of a whole recording. */
    static Instant timeAt(List<Candle> candles, int index) {
        return candles instanceof PackedCandles packed ? Instant.ofEpochSecond(packed.times[index])
                : candles.get(index).time();
    }

    private BigDecimal price(int at) {
        return BigDecimal.valueOf(unscaled[at], scales[at]);
    }

    @Override
    public int size() {
        return times.length;
    }
}
