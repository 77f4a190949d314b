package io.fxpipeline.model.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.Message;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.VolatilityMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec on the suite's two bulk messages: a 5,000-candle chunk (ingest's bulk path) and a 500-row metrics message
 * (what analytics announces for every 500 candles). Baseline in the same run: the tree merge that {@code encode} used
 * before (header node, record converted to a tree, merged, written). {@code mvn -B test -Pbench -pl shared-model}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CodecBenchmark {

    private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");
    private final MessageCodec codec = new MessageCodec();

    @Test
    void encodeAndDecodeOfTheBulkMessages() {
        Random random = new Random(7);
        CandlesReady chunk = CandlesReady.live(START, Pair.of("EUR_USD"), Granularity.H1, 1, candles(random, 5_000));
        MetricsReady metrics = MetricsReady.of(START, Pair.of("EUR_USD"), Granularity.H1, metrics(random, 500));
        for (Message message : List.of(chunk, metrics)) {
            String label = message instanceof CandlesReady ? "5,000 candles" : "500 metric rows";
            assertThat(codec.encode(message)).isEqualTo(treeMerge(message));
            double before = time(label + ", encode before (tree merge)", message, this::treeMerge);
            double after = time(label + ", encode now (streamed)", message, codec::encode);
            String json = codec.encode(message);
            assertThat(jacksonReaders(json, message.getClass())).isEqualTo(codec.decode(json));
            double decodeBefore = time(label + ", decode before", json, j -> jacksonReaders(j, message.getClass()));
            double decode = time(label + ", decode", json, codec::decode);
            System.out.printf("BENCH codec %s: encode %.2f ms before, %.2f ms now (%.1fx); decode %.2f ms before "
                    + "(Jackson's own readers), %.2f ms now (%.1fx); %,d bytes%n", label, before, after, before / after,
                    decodeBefore, decode, decodeBefore / decode, json.length());
        }
    }

    /** The codec's mapper as it was before the fast readers: jsr310's Instant parser, Jackson's BigDecimal check. */
    private static final ObjectMapper BEFORE = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static Object jacksonReaders(String json, Class<? extends Message> type) {
        try {
            return BEFORE.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String treeMerge(Message message) {
        return TreeMergeEncoding.encode(codec.mapper(), message);
    }

    /** Median milliseconds of one call over {@code bench.rounds} (200) rounds after as many warm-up rounds. */
    private static <T> double time(String label, T input, Function<T, ?> work) {
        int rounds = Integer.getInteger("bench.rounds", 200);
        for (int i = 0; i < rounds; i++) {
            work.apply(input);
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            work.apply(input);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[rounds / 2] / 1e6;
    }

    private static List<Candle> candles(Random random, int count) {
        List<Candle> candles = new ArrayList<>(count);
        BigDecimal close = new BigDecimal("1.08000");
        for (int i = 0; i < count; i++) {
            BigDecimal open = close;
            close = open.add(BigDecimal.valueOf(random.nextGaussian() * 0.001)).setScale(5, RoundingMode.HALF_EVEN);
            BigDecimal high = open.max(close).add(new BigDecimal("0.00050"));
            BigDecimal low = open.min(close).subtract(new BigDecimal("0.00050"));
            candles.add(new Candle(START.plus(Duration.ofHours(i)), open, high, low, close, 1000L + i));
        }
        return candles;
    }

    private static List<VolatilityMetrics> metrics(Random random, int count) {
        List<VolatilityMetrics> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double close = 1.08 + random.nextGaussian() * 0.01;
            rows.add(new VolatilityMetrics(START.plus(Duration.ofHours(i)), close, 0.05 + random.nextDouble() * 0.1,
                    0.05 + random.nextDouble() * 0.1, close * 1.001, close * 0.999, close, close + 0.004, close,
                    close - 0.004, 0.0012 + random.nextDouble() * 0.0005));
        }
        return rows;
    }
}
