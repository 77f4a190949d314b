package io.fxpipeline.messaging.publish;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Publisher.candleChunks: small stores keep 500-candle messages; bulk ones fewer, larger messages the codec still takes. */
class CandleChunksTest {

    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    static List<Candle> candles(int n, String price) {
        List<Candle> list = new ArrayList<>();
        BigDecimal p = new BigDecimal(price);
        for (int i = 0; i < n; i++) {
            list.add(new Candle(START.plusSeconds(3600L * i), p, p, p, p, 1000L + i));
        }
        return list;
    }

    @Test
    void storesUpToTheBulkThresholdKeepFiveHundredCandleMessages() {
        assertThat(Publisher.candleChunks(candles(Publisher.BULK_FROM, "1.08500")))
                .extracting(List::size).containsExactly(500, 500, 500, 500);
        assertThat(Publisher.candleChunks(candles(1200, "1.08500"))).extracting(List::size).containsExactly(500, 500, 200);
    }

    @Test
    void bulkStoresAreCutAtFiveThousandCandlesInOrderWithNothingLost() {
        List<Candle> year = candles(12_345, "1.08500");
        List<List<Candle>> chunks = Publisher.candleChunks(year);
        assertThat(chunks).extracting(List::size).containsExactly(5000, 5000, 2345);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(year);
    }

    @Test
    void theWidestPricesACandleMayHaveStillMakeMessagesTheCodecTakes() {
        MessageCodec codec = new MessageCodec();
        List<Candle> wide = candles(6_000, "1234567.12345678901"); // 18 significant digits, the candle rule's most
        List<List<Candle>> chunks = Publisher.candleChunks(wide);
        for (int i = 0; i < chunks.size(); i++) {
            String json = codec.encode(CandlesReady.live(START, Pair.of("EUR_USD"), Granularity.H1, i + 1, chunks.get(i)));
            assertThat(json.length()).isLessThanOrEqualTo(MessageCodec.DEFAULT_MAX_BYTES);
            assertThat(codec.decode(json)).isInstanceOf(CandlesReady.class); // what a consumer does with it
        }
        assertThat(chunks.stream().mapToInt(List::size).sum()).isEqualTo(6_000);
    }
}
