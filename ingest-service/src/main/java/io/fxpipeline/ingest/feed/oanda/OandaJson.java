package io.fxpipeline.ingest.feed.oanda;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one reader of v20 answers (candles and prices). v20 sends prices and UNIX times as strings; should a server send
 * them as JSON numbers, they keep every digit as written (1.10 stays 1.10, nine decimals stay nine), never a double.
 */
public final class OandaJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private OandaJson() {
    }
}
