package io.fxpipeline.ingest.feed.oanda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fxpipeline.ingest.feed.CandlePage;
import io.fxpipeline.ingest.feed.CandleRejection;
import io.fxpipeline.ingest.feed.CandleRejection.Reason;
import io.fxpipeline.model.CandleRule;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.UtcTimes;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.fxpipeline.model.message.Candle;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a v20 candles answer (docs/oanda-v20.md §3) candle by candle and validates each: a bad candle is rejected with
 * its reason while the good ones of the same answer are kept, and a truncated answer keeps the candles that
 * arrived whole. An answer whose {@code instrument} or {@code granularity} is missing or not the one asked for keeps
 * nothing, wherever those fields stand in the object (JSON does not order them): the check is made once the whole
 * object was read, or when it was cut. Pure: no I/O, no framework, the present is passed in.
 */
public final class OandaCandles {

    private static final int MAX_DETAIL = 200;
    /** v20's UNIX time form (seconds, up to nine decimals); compiled once: the reader meets a time in every candle. */
    private static final Pattern UNIX_TIME = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    /** How far a candle may close after the feed's present (clock differences between OANDA and us). */
    static final Duration CLOCK_SKEW = CandleRule.CLOCK_SKEW;

    private OandaCandles() {
    }

    /**
     * @param now the feed's present: a complete candle closing after it (plus {@link #CLOCK_SKEW}) is rejected as
     *            {@link Reason#FUTURE}
     */
    public static CandlePage parse(Pair pair, Granularity granularity, String body, Instant now) {
        Reader reader = new Reader(pair, granularity, now.plus(CLOCK_SKEW));
        String failure = null;
        boolean cut = false;
        try (JsonParser parser = OandaJson.MAPPER.createParser(body == null ? "" : body)) {
            failure = reader.read(parser);
        } catch (JsonProcessingException e) {
            failure = "malformed JSON after " + reader.received + " candles: " + shorten(e.getOriginalMessage());
            cut = true;
        } catch (IOException e) {
            failure = "unreadable answer: " + shorten(e.getMessage());
            cut = true;
        }
        // Only now is the whole header known: a candle is trusted only if the answer says whose it is.
        String header = reader.headerProblem(cut);
        if (header != null && !reader.valid.isEmpty()) {
            int dropped = reader.valid.size();
            for (Kept kept : reader.valid.values()) {
                reader.reject(kept.rawTime(), Reason.MALFORMED_ANSWER, header + "; candle not stored");
            }
            reader.valid.clear();
            String count = dropped == 1 ? "1 candle" : dropped + " candles";
            failure = failure == null ? header + "; its " + count + " not stored"
                    : failure + "; " + header + ", so its " + count + " not stored";
        } else {
            if (failure == null) {
                failure = header;
            }
            if (failure != null) {
                reader.rejections.add(new CandleRejection(pair, "-", Reason.MALFORMED_ANSWER, failure));
            }
        }
        return reader.page(failure);
    }

    /** The state of one answer's read. */
    private static final class Reader {

        private final Pair pair;
        private final Granularity granularity;
        private final Instant latestClose;
        /** The valid candles by time, in the order received, each with its time as written. */
        private final Map<Instant, Kept> valid = new LinkedHashMap<>();
        /** Times that came with two different candles: neither is kept, and later copies are repeats. */
        private final Set<Instant> conflicting = new HashSet<>();
        private final List<CandleRejection> rejections = new ArrayList<>();
        private int received;
        private Instant lastTime;
        private boolean forming;
        private final Map<Instant, String> incomplete = new LinkedHashMap<>(); // time -> raw time, as received
        private boolean sawInstrument;
        private boolean sawGranularity;
        private String wrongInstrument; // the first instrument named that is not the one asked for
        private String wrongGranularity;

        Reader(Pair pair, Granularity granularity, Instant latestClose) {
            this.pair = pair;
            this.granularity = granularity;
            this.latestClose = latestClose;
        }

        /** Why the answer's header does not vouch for its candles, or null; {@code cut}: the JSON ended early. */
        String headerProblem(boolean cut) {
            if (wrongInstrument != null) {
                return "the answer is for instrument " + wrongInstrument + ", not " + pair;
            }
            if (wrongGranularity != null) {
                return "the answer has granularity " + wrongGranularity + ", not " + granularity;
            }
            if (!sawInstrument) {
                return cut ? "the answer was cut before it named its instrument" : "the answer names no instrument";
            }
            if (!sawGranularity) {
                return cut ? "the answer was cut before it named its granularity" : "the answer names no granularity";
            }
            return null;
        }

        private static String scalar(JsonParser parser, JsonToken value) throws IOException {
            if (value.isScalarValue()) {
                return shorten(parser.getValueAsString());
            }
            parser.skipChildren();
            return "(not a string)";
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
                        sawInstrument = true;
                        String named = scalar(parser, value);
                        if (!pair.name().equals(named) && wrongInstrument == null) {
                            wrongInstrument = named;
                        }
                    }
                    case "granularity" -> {
                        sawGranularity = true;
                        String named = scalar(parser, value);
                        if (!granularity.name().equals(named) && wrongGranularity == null) {
                            wrongGranularity = named;
                        }
                    }
                    case "candles" -> {
                        if (value != JsonToken.START_ARRAY) {
                            return "'candles' is not an array";
                        }
                        sawCandles = true;
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            CandleFields fields = CandleFields.read(parser);
                            received++;
                            candle(fields);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            return sawCandles ? null : "the answer has no 'candles' field";
        }

        private void candle(CandleFields node) {
            JsonNode timeNode = node.time;
            String rawTime = timeNode == null ? "?" : shorten(timeNode.asText());
            if (!node.object) {
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
            JsonNode complete = node.complete;
            if (complete == null || !complete.isBoolean()) {
                reject(rawTime, Reason.MISSING_FIELD, "complete is missing or not a boolean");
                return;
            }
            if (!complete.booleanValue()) {
                if (incomplete.putIfAbsent(time, rawTime) != null) {
                    reject(rawTime, Reason.DUPLICATE, "repeated incomplete candle for this time");
                }
                return;
            }
            var timing = CandleRule.timing(granularity, time, latestClose.minus(CLOCK_SKEW));
            if (timing.isPresent()) {
                reject(rawTime, Reason.valueOf(timing.get().reason().name()), timing.get().detail());
                return;
            }
            if (!node.midObject) {
                reject(rawTime, Reason.MISSING_FIELD, "mid prices are missing");
                return;
            }
            BigDecimal[] ohlc = new BigDecimal[4];
            for (int i = 0; i < 4; i++) {
                JsonNode price = node.mid[i];
                if (price == null || price.isNull()) {
                    reject(rawTime, Reason.MISSING_FIELD, "mid." + CandleFields.MID[i] + " is missing");
                    return;
                }
                try {
                    ohlc[i] = price.isNumber() ? price.decimalValue() : new BigDecimal(price.asText().trim());
                } catch (NumberFormatException e) {
                    reject(rawTime, Reason.NON_NUMERIC, "mid." + CandleFields.MID[i] + " '" + shorten(price.asText()) + "' is not a number");
                    return;
                }
            }
            Long volume = volume(node.volume);
            Candle candle;
            try {
                // the record checks the prices and the volume itself: a valid candle is checked once
                candle = new Candle(time, ohlc[0], ohlc[1], ohlc[2], ohlc[3], volume == null ? -1L : volume);
            } catch (MalformedMessageException e) {
                rejectInvalid(rawTime, ohlc, volume);
                return;
            }
            if (conflicting.contains(time)) {
                reject(rawTime, Reason.DUPLICATE, "repeated candle for this time");
                return;
            }
            Kept earlier = valid.putIfAbsent(time, new Kept(candle, rawTime));
            if (earlier == null) {
                return;
            }
            if (!same(earlier.candle(), candle)) {
                // Two different candles for one hour: the answer contradicts itself; neither is trusted.
                valid.remove(time);
                conflicting.add(time);
                reject(rawTime, Reason.DUPLICATE, "two different candles for this time; both rejected");
                reject(rawTime, Reason.DUPLICATE, "two different candles for this time; both rejected");
            } else {
                reject(rawTime, Reason.DUPLICATE, "repeated candle for this time");
            }
        }

        /** Why these prices or this volume make no candle, in the order of the checks; they made none. */
        private void rejectInvalid(String rawTime, BigDecimal[] ohlc, Long volume) {
            Candle.Problem problem = Candle.problem(ohlc[0], ohlc[1], ohlc[2], ohlc[3]).orElse(null);
            if (problem != null) {
                reject(rawTime, switch (problem.fault()) {
                    case HIGH_BELOW_MAX -> Reason.HIGH_BELOW_MAX;
                    case LOW_ABOVE_MIN -> Reason.LOW_ABOVE_MIN;
                    case MISSING, NON_POSITIVE -> Reason.NON_POSITIVE;
                }, "mid." + problem);
                return;
            }
            var range = CandleRule.prices(ohlc[0], ohlc[1], ohlc[2], ohlc[3]);
            if (range.isPresent()) {
                reject(rawTime, Reason.valueOf(range.get().reason().name()), "mid." + range.get().detail());
                return;
            }
            reject(rawTime, Reason.BAD_VOLUME, "volume is missing, not an integer or negative");
        }

        private static boolean same(Candle a, Candle b) {
            return a.open().compareTo(b.open()) == 0 && a.high().compareTo(b.high()) == 0
                    && a.low().compareTo(b.low()) == 0 && a.close().compareTo(b.close()) == 0
                    && a.volume().equals(b.volume());
        }

        private void reject(String time, Reason reason, String detail) {
            rejections.add(new CandleRejection(pair, time, reason, detail));
        }

        /**
         * The answer's newest candle, when incomplete, is the one still forming: expected in every recent answer,
         * counted apart. An incomplete candle with newer ones after it cannot be forming: rejected.
         */
        private int settleIncomplete() {
            int pending = 0;
            for (Map.Entry<Instant, String> candle : incomplete.entrySet()) {
                if (candle.getKey().equals(lastTime) && !valid.containsKey(lastTime)) {
                    forming = true;
                    pending++;
                } else {
                    reject(candle.getValue(), Reason.INCOMPLETE, "candle marked incomplete although newer ones follow");
                }
            }
            return pending;
        }

        CandlePage page(String failure) {
            int pending = settleIncomplete();
            List<Candle> candles = new ArrayList<>(valid.size());
            valid.values().forEach(kept -> candles.add(kept.candle()));
            candles.sort(Comparator.comparing(Candle::time)); // v20 answers ascending; a server that doesn't is fixed here
            return new CandlePage(candles, rejections, received, lastTime, forming, failure, pending);
        }
    }

    /** A valid candle and its time as the answer wrote it (for a rejection that names it). */
    private record Kept(Candle candle, String rawTime) {
    }

    /**
     * The fields of one element of {@code candles} that the checks look at, read from the stream without building a
     * tree of the whole candle. A string or boolean becomes the node a tree would hold; any other value is read as the
     * tree reads it, so every check sees what it saw when the whole candle was a tree: unknown fields of any shape are
     * skipped, and of a field given twice the last counts.
     */
    private static final class CandleFields {

        static final String[] MID = {"o", "h", "l", "c"};

        boolean object;
        JsonNode time;
        JsonNode complete;
        JsonNode volume;
        boolean midObject;
        final JsonNode[] mid = new JsonNode[4];

        /** Reads the element the parser stands on, to its end. */
        static CandleFields read(JsonParser parser) throws IOException {
            CandleFields fields = new CandleFields();
            if (!parser.hasToken(JsonToken.START_OBJECT)) {
                parser.skipChildren();
                return fields;
            }
            fields.object = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "time" -> fields.time = value(parser, token);
                    case "complete" -> fields.complete = value(parser, token);
                    case "volume" -> fields.volume = value(parser, token);
                    case "mid" -> fields.readMid(parser, token);
                    default -> parser.skipChildren();
                }
            }
            return fields;
        }

        private void readMid(JsonParser parser, JsonToken token) throws IOException {
            Arrays.fill(mid, null); // a second "mid" replaces the first as a whole
            midObject = token == JsonToken.START_OBJECT;
            if (!midObject) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int at = switch (parser.currentName()) {
                    case "o" -> 0;
                    case "h" -> 1;
                    case "l" -> 2;
                    case "c" -> 3;
                    default -> -1;
                };
                JsonToken value = parser.nextToken();
                if (at < 0) {
                    parser.skipChildren();
                } else {
                    mid[at] = value(parser, value);
                }
            }
        }

        private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
            return switch (token) {
                case VALUE_STRING -> TextNode.valueOf(parser.getText());
                case VALUE_TRUE -> BooleanNode.TRUE;
                case VALUE_FALSE -> BooleanNode.FALSE;
                default -> parser.readValueAsTree();
            };
        }
    }

    /** The earliest the bar opening at {@code time} can close (the candle rule's bound). */
    static Instant earliestClose(Granularity granularity, Instant time) {
        return CandleRule.earliestClose(granularity, time);
    }

    /** RFC3339 ({@code 2024-11-15T19:00:00.000000000Z}) or the UNIX form ({@code "1731697200.000000000"}). */
    static Instant time(JsonNode node) {
        String text = node.asText().trim();
        Instant rfc3339 = UtcTimes.parse(text); // the form OANDA is asked for, read without the general ISO parser
        if (rfc3339 != null) {
            return rfc3339;
        }
        if (UNIX_TIME.matcher(text).matches()) {
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
            // a number must be a whole one that fits: 12.0 is 12, 12.5 and 2^64 are no volume
            long v = node.isNumber() ? node.decimalValue().longValueExact() : Long.parseLong(node.asText().trim());
            return v < 0 ? null : v;
        } catch (NumberFormatException | ArithmeticException e) {
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
