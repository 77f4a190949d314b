package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.Checks;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * {@code price_updates}: the current top-of-book price of one pair. {@code time} is the quote's own time, to the
 * nanosecond OANDA sent; {@code tradeable} is false for a quote that cannot be dealt on (market closed), null in
 * messages of producers older than the field.
 */
@RegisterForReflection
public record PriceUpdate(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("pair") Pair pair,
        @JsonProperty("bid") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bid,
        @JsonProperty("ask") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ask,
        @JsonProperty("mid") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal mid,
        @JsonProperty("time") Instant time,
        @JsonProperty("tradeable") Boolean tradeable) implements Message {

    public static final String TYPE = "price";

    public PriceUpdate {
        Checks.required(ts, "ts");
        Checks.required(pair, "pair");
        Checks.positive(bid, "bid");
        Checks.positive(ask, "ask");
        Checks.positive(mid, "mid");
        Checks.required(time, "time");
    }

    /** Mid is exact: one more decimal than the finer of bid and ask is always enough for a halved sum. */
    public static BigDecimal midOf(BigDecimal bid, BigDecimal ask) {
        int scale = Math.max(bid.scale(), ask.scale()) + 1;
        return bid.add(ask).divide(BigDecimal.valueOf(2), scale, RoundingMode.UNNECESSARY);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
