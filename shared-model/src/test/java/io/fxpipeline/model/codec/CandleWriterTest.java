package io.fxpipeline.model.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The codec's candle writer gives, byte for byte, what Jackson writes from the candle's annotations. */
class CandleWriterTest {

    /** Jackson reading the record's annotations, nothing of ours. */
    private final ObjectMapper annotations = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final MessageCodec codec = new MessageCodec();

    @Test
    void randomCandlesAreWrittenAsTheirAnnotationsWriteThem() throws Exception {
        Random random = new Random(1207);
        for (int i = 0; i < 20_000; i++) {
            Candle candle = candle(random);
            assertThat(codec.mapper().writeValueAsString(candle)).isEqualTo(annotations.writeValueAsString(candle));
        }
    }

    @Test
    void aWholeChunkIsTheTreeMergeOfItsHeaderAndTheAnnotatedRecord() {
        Random random = new Random(7);
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Candle c = candle(random);
            candles.add(new Candle(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3_600L * i), c.open(), c.high(),
                    c.low(), c.close(), c.volume()));
        }
        CandlesReady chunk = CandlesReady.live(Instant.parse("2024-11-15T20:00:05Z"), Pair.of("EUR_USD"), Granularity.H1,
                42, candles);
        assertThat(codec.encode(chunk)).isEqualTo(TreeMergeEncoding.encode(annotations, chunk));
    }

    @Test
    void oddButValidPricesAndTimesToo() throws Exception {
        for (String[] p : new String[][] {{"1E+3", "1E+3", "1E+3", "1E+3"}, {"0.000001", "0.0000010", "0.000001", "0.000001"},
                {"10000000", "10000000.000", "9999999.99999", "10000000"}, {"1.05350", "1.05400", "1.05000", "1.05300"}}) {
            for (Instant time : List.of(Instant.parse("2024-11-15T19:00:00Z"), Instant.parse("2024-11-15T19:00:00.5Z"),
                    Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"),
                    Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:00:00Z"))) {
                Candle candle = new Candle(time, new BigDecimal(p[0]), new BigDecimal(p[1]), new BigDecimal(p[2]),
                        new BigDecimal(p[3]), Long.MAX_VALUE);
                assertThat(codec.mapper().writeValueAsString(candle)).isEqualTo(annotations.writeValueAsString(candle));
            }
        }
    }

    private static Candle candle(Random random) {
        int scale = 1 + random.nextInt(7);
        BigDecimal open = BigDecimal.valueOf(random.nextLong(1_000, 20_000_000), scale);
        BigDecimal close = BigDecimal.valueOf(random.nextLong(1_000, 20_000_000), scale);
        BigDecimal high = open.max(close).add(BigDecimal.valueOf(random.nextInt(500), scale + random.nextInt(2)));
        BigDecimal low = open.min(close).subtract(BigDecimal.valueOf(random.nextInt(500), scale));
        if (low.signum() <= 0) {
            low = open.min(close);
        }
        Instant time = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L) / 3_600 * 3_600);
        return new Candle(time, open, high, low, close, random.nextLong(0, 1_000_000));
    }
}
