package io.fxpipeline.ingest.price;

import com.fasterxml.jackson.databind.JsonNode;
import io.fxpipeline.ingest.feed.oanda.OandaJson;
import io.fxpipeline.model.Pair;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a v20 pricing answer (docs/oanda-v20.md §8): per price, the best bid and ask (first of each list), its time and
 * {@code tradeable}. A bad price is rejected with its reason; the others are kept. An entry of another type (a
 * {@code HEARTBEAT}, §9) is not a price: skipped, not rejected. Pure.
 */
public final class OandaPrices {

    private OandaPrices() {
    }

    /** The valid quotes, a reason per rejected entry, and the entries that are not prices. */
    public record Parsed(List<PriceQuote> quotes, List<String> rejections, List<Skipped> skipped) {
    }

    /** An entry that is not a price, by its {@code type} (e.g. {@code HEARTBEAT}) and time. */
    public record Skipped(String type, String time) {

        @Override
        public String toString() {
            return type + " at " + time + " is not a price";
        }
    }

    public static Parsed parse(String body, Set<Pair> asked) {
        List<PriceQuote> quotes = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        JsonNode root;
        try {
            root = OandaJson.MAPPER.readTree(body == null ? "" : body);
        } catch (Exception e) {
            rejections.add("malformed pricing answer: " + shorten(e.getMessage()));
            return new Parsed(quotes, rejections, skipped);
        }
        if (root == null || !root.path("prices").isArray()) {
            rejections.add("pricing answer has no 'prices' array");
            return new Parsed(quotes, rejections, skipped);
        }
        for (JsonNode price : root.get("prices")) {
            if (!price.isObject()) {
                rejections.add("price entry " + shorten(price.toString()) + " is not an object");
                continue;
            }
            JsonNode type = price.get("type");
            // official clients read an entry without a type as a price (docs/oanda-v20.md §9)
            if (type != null && !"PRICE".equals(type.asText())) {
                skipped.add(new Skipped(shorten(type.asText()), shorten(price.path("time").asText("?"))));
                continue;
            }
            String instrument = price.path("instrument").asText("?");
            try {
                if (!price.path("instrument").isTextual()) {
                    throw new IllegalArgumentException("price entry names no instrument");
                }
                Pair pair = Pair.of(instrument);
                if (!asked.contains(pair)) {
                    throw new IllegalArgumentException("not asked for");
                }
                Instant time = Instant.parse(price.path("time").asText());
                BigDecimal bid = best(price, "bids");
                BigDecimal ask = best(price, "asks");
                if (bid.compareTo(ask) > 0) {
                    throw new IllegalArgumentException("bid " + bid.toPlainString() + " is above ask " + ask.toPlainString());
                }
                JsonNode tradeable = price.get("tradeable");
                boolean isTradeable = tradeable != null && tradeable.isBoolean() ? tradeable.booleanValue()
                        : "tradeable".equals(price.path("status").asText()); // older answers only have status
                quotes.add(new PriceQuote(pair, time, bid, ask, isTradeable));
            } catch (RuntimeException e) {
                rejections.add(shorten(instrument) + " " + shorten(price.path("time").asText("?")) + ": "
                        + shorten(e.getMessage()));
            }
        }
        return new Parsed(quotes, rejections, skipped);
    }

    private static BigDecimal best(JsonNode price, String side) {
        JsonNode list = price.path(side);
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("no " + side + " (no liquidity)");
        }
        String text = list.get(0).path("price").asText();
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(side + " price '" + shorten(text) + "' is not a number");
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(side + " price " + value.toPlainString() + " is not positive");
        }
        return value;
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
