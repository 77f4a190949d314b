package io.fxpipeline.ingest.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fxpipeline.ingest.OandaAnswers;
import io.fxpipeline.ingest.feed.CandlePage;
import io.fxpipeline.ingest.feed.oanda.OandaCandles;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OANDA reader on a full page (5,000 H1 candles as v20 writes them: nine-digit times, string prices), against
 * Jackson's own data binding of the same answer into plain records in the same run: what a straightforward client
 * would do, without the reader's per-candle checks and rejections. {@code mvn -B verify -Pbench -pl ingest-service -am
 * -Dtest=OandaCandlesBenchmark}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class OandaCandlesBenchmark {

    private static final Pair PAIR = Pair.of("EUR_USD");
    private static final ObjectMapper BINDING = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Mid(BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c) {
    }

    record Bar(boolean complete, long volume, Instant time, Mid mid) {
    }

    record Answer(String instrument, String granularity, List<Bar> candles) {
    }

    @Test
    void aFullPageReadWithItsChecksAgainstJacksonDataBinding() {
        List<Candle> candles = OandaAnswers.history(PAIR, Instant.parse("2024-01-01T00:00:00Z"), 5_000);
        String page = OandaAnswers.answerOf(PAIR, candles);
        Instant now = candles.get(candles.size() - 1).time().plusSeconds(7_200);

        CandlePage read = OandaCandles.parse(PAIR, Granularity.H1, page, now);
        assertThat(read.candles()).isEqualTo(candles);
        assertThat(read.rejections()).isEmpty();
        assertThat(binding(page).candles()).hasSize(candles.size());

        double[] medians = interleavedMedianMillis(page, OandaCandlesBenchmark::binding,
                body -> OandaCandles.parse(PAIR, Granularity.H1, body, now));
        double baseline = medians[0];
        double reader = medians[1];
        System.out.printf(Locale.ROOT, "BENCH OANDA reader: a page of %,d candles (%,d bytes) in %.2f ms = %.2f µs a "
                        + "candle (%,.0f candles/s); Jackson data binding of the same page into records, no checks: "
                        + "%.2f ms = %.2f µs a candle; the reader takes %.2fx the binding's time (JVM flags: %s)%n",
                candles.size(), page.length(), reader, reader * 1000 / candles.size(), candles.size() / reader * 1000,
                baseline, baseline * 1000 / candles.size(), reader / baseline, jvmFlags());
    }

    private static Answer binding(String body) {
        try {
            return BINDING.readValue(body, Answer.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Median milliseconds of one call of each over {@code bench.rounds} (300) rounds after as many warm-up rounds; the
     * two alternate call by call, so a machine that speeds up or slows down meanwhile treats both alike.
     */
    private static double[] interleavedMedianMillis(String body, Function<String, ?> first, Function<String, ?> second) {
        int rounds = Integer.getInteger("bench.rounds", 300);
        for (int i = 0; i < rounds; i++) {
            first.apply(body);
            second.apply(body);
        }
        long[][] nanos = new long[2][rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            first.apply(body);
            long middle = System.nanoTime();
            second.apply(body);
            nanos[0][i] = middle - start;
            nanos[1][i] = System.nanoTime() - middle;
        }
        Arrays.sort(nanos[0]);
        Arrays.sort(nanos[1]);
        return new double[] {nanos[0][rounds / 2] / 1e6, nanos[1][rounds / 2] / 1e6};
    }

    private static String jvmFlags() {
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:Tiered") || a.startsWith("-Xmx")).toList();
        return flags.isEmpty() ? "defaults" : String.join(" ", flags);
    }
}
