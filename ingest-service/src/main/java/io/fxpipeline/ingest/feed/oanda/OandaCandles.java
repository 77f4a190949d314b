package io.fxpipeline.ingest.feed.oanda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fxpipeline.ingest.feed.CandlePage;
import io.fxpipeline.ingest.feed.CandleRejection;
import io.fxpipeline.ingest.feed.CandleRejection.Reason;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a v20 candles answer (oanda-v20.md §3) candle by candle and validates each: a bad candle is rejected with
 * its reason while the good ones of the same answer are kept, and a truncated answer keeps the candles that
 * arrived whole. Pure: no I/O, no framework.
 */
public final class OandaCandles {

    // Prices stay exact even if a server sends them as JSON numbers instead of strings.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int MAX_DETAIL = 200;

    private OandaCandles() {
    }

    public static CandlePage parse(Pair pair, Granularity granularity, String body) {
        Reader reader = new Reader(pair, granularity);
        String failure = null;
        try (JsonParser parser = JSON.createParser(body == null ? "" : body)) {
            failure = reader.read(parser);
        } catch (JsonProcessingException e) {
            failure = "malformed JSON after " + reader.received + " candles: " + shorten(e.getOriginalMessage());
        } catch (IOException e) {
            failure = "unreadable answer: " + shorten(e.getMessage());
        }
        if (failure != null) {
            reader.rejections.add(new CandleRejection(pair, "-", Reason.MALFORMED_ANSWER, failure));
        }
        return reader.page(failure);
    }

    /** The state of one answer's read. */
    private static final class Reader {

        private final Pair pair;
        private final Granularity granularity;
        private final Map<Instant, Candle> valid = new LinkedHashMap<>();
        private final Map<Instant, Integer> copies = new LinkedHashMap<>();
        private final List<CandleRejection> rejections = new ArrayList<>();
        private int received;
        private Instant lastTime;
        private boolean forming;

        Reader(Pair pair, Granularity granularity) {
            this.pair = pair;
            this.granularity = granularity;
        }

        /** Walks the answer object; returns why it is unusable, or null. */
        String read(JsonParser parser) throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "the answer is not a JSON object";
            }
            boolean sawCandles = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "instrument" -> {
                        if (!pair.name().equals(parser.getValueAsString())) {
                            return "the answer is for instrument " + shorten(parser.getValueAsString()) + ", not " + pair;
                        }
                    }
                    case "granularity" -> {
                        if (!granularity.name().equals(parser.getValueAsString())) {
                            return "the answer has granularity " + shorten(parser.getValueAsString()) + ", not " + granularity;
                        }
                    }
                    case "candles" -> {
                        if (value != JsonToken.START_ARRAY) {
                            return "'candles' is not an array";
                        }
                        sawCandles = true;
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            JsonNode node = parser.readValueAsTree();
                            received++;
                            candle(node);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            return sawCandles ? null : "the answer has no 'candles' field";
        }

        private void candle(JsonNode node) {
            JsonNode timeNode = node == null ? null : node.get("time");
            String rawTime = timeNode == null ? "?" : shorten(timeNode.asText());
            if (node == null || !node.isObject()) {
                reject(rawTime, Reason.MISSING_FIELD, "candle is not an object");
                return;
            }
            Instant time;
            try {
                time = time(timeNode);
            } catch (DateTimeParseException | NumberFormatException | NullPointerException e) {
                reject(rawTime, timeNode == null ? Reason.MISSING_FIELD : Reason.NON_NUMERIC,
                        timeNode == null ? "time is missing" : "time is not an RFC3339 or UNIX time");
                return;
            }
            if (lastTime == null || time.isAfter(lastTime)) {
                lastTime = time;
            }
            JsonNode complete = node.get("complete");
            if (complete == null || !complete.isBoolean()) {
                reject(rawTime, Reason.MISSING_FIELD, "complete is missing or not a boolean");
                return;
            }
            if (!complete.booleanValue()) {
                forming = true;
                reject(rawTime, Reason.INCOMPLETE, "candle is still forming; stored once complete");
                return;
            }
            if (!granularity.isAligned(time)) {
                reject(rawTime, Reason.MISALIGNED, "time is not aligned to " + granularity);
                return;
            }
            JsonNode mid = node.get("mid");
            if (mid == null || !mid.isObject()) {
                reject(rawTime, Reason.MISSING_FIELD, "mid prices are missing");
                return;
            }
            BigDecimal[] ohlc = new BigDecimal[4];
            String[] names = {"o", "h", "l", "c"};
            for (int i = 0; i < 4; i++) {
                JsonNode price = mid.get(names[i]);
                if (price == null || price.isNull()) {
                    reject(rawTime, Reason.MISSING_FIELD, "mid." + names[i] + " is missing");
                    return;
                }
                try {
                    ohlc[i] = price.isNumber() ? price.decimalValue() : new BigDecimal(price.asText().trim());
                } catch (NumberFormatException e) {
                    reject(rawTime, Reason.NON_NUMERIC, "mid." + names[i] + " '" + shorten(price.asText()) + "' is not a number");
                    return;
                }
            }
            String problem = Candle.problem(ohlc[0], ohlc[1], ohlc[2], ohlc[3]);
            if (problem != null) {
                reject(rawTime, problem.startsWith("h:") ? Reason.HIGH_BELOW_MAX
                        : problem.startsWith("l:") ? Reason.LOW_ABOVE_MIN : Reason.NON_POSITIVE, "mid." + problem);
                return;
            }
            Long volume = volume(node.get("volume"));
            if (volume == null) {
                reject(rawTime, Reason.BAD_VOLUME, "volume is missing, not an integer or negative");
                return;
            }
            Candle candle = new Candle(time, ohlc[0], ohlc[1], ohlc[2], ohlc[3], volume);
            int seen = copies.merge(time, 1, Integer::sum);
            if (seen == 1) {
                valid.put(time, candle);
            } else if (valid.containsKey(time) && !same(valid.get(time), candle)) {
                // Two different candles for one hour: the answer contradicts itself; neither is trusted.
                valid.remove(time);
                reject(rawTime, Reason.DUPLICATE, "two different candles for this time; both rejected");
                reject(rawTime, Reason.DUPLICATE, "two different candles for this time; both rejected");
            } else {
                reject(rawTime, Reason.DUPLICATE, "repeated candle for this time");
            }
        }

        private static boolean same(Candle a, Candle b) {
            return a.open().compareTo(b.open()) == 0 && a.high().compareTo(b.high()) == 0
                    && a.low().compareTo(b.low()) == 0 && a.close().compareTo(b.close()) == 0
                    && a.volume().equals(b.volume());
        }

        private void reject(String time, Reason reason, String detail) {
            rejections.add(new CandleRejection(pair, time, reason, detail));
        }

        CandlePage page(String failure) {
            List<Candle> candles = new ArrayList<>(valid.values());
            candles.sort(Comparator.comparing(Candle::time)); // v20 answers ascending; a server that doesn't is fixed here
            return new CandlePage(candles, rejections, received, lastTime, forming, failure);
        }
    }

    /** RFC3339 ({@code 2024-11-15T19:00:00.000000000Z}) or the UNIX form ({@code "1731697200.000000000"}). */
    static Instant time(JsonNode node) {
        String text = node.asText().trim();
        if (text.matches("\\d{1,12}(\\.\\d{1,9})?")) {
            BigDecimal seconds = new BigDecimal(text);
            long whole = seconds.longValue();
            return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
        }
        return Instant.parse(text);
    }

    private static Long volume(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            long v = node.isIntegralNumber() ? node.longValue() : Long.parseLong(node.asText().trim());
            return v < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "…";
    }
}
