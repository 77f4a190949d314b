package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.codec.Checks;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One complete OHLC candle: {@code time} is its open time (UTC), prices are exact decimals as quoted, and
 * {@code volume} is the tick volume. Constructing one with impossible prices fails.
 */
@RegisterForReflection
public record Candle(
        @JsonProperty("time") Instant time,
        @JsonProperty("o") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal open,
        @JsonProperty("h") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal high,
        @JsonProperty("l") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal low,
        @JsonProperty("c") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal close,
        @JsonProperty("volume") Long volume) {

    public Candle {
        Checks.required(time, "time");
        String problem = problem(open, high, low, close);
        if (problem != null) {
            throw new MalformedMessageException(problem.substring(0, 1), problem.substring(3));
        }
        Checks.nonNegative(volume, "volume");
    }

    /**
     * Why these prices cannot form a candle, as {@code "<field>: <reason>"}, or null when they can. Shared
     * with feed validation so a rejected OANDA candle and a rejected message give the same reason.
     */
    public static String problem(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
        String[] names = {"o", "h", "l", "c"};
        BigDecimal[] values = {open, high, low, close};
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                return names[i] + ": is missing";
            }
            if (values[i].signum() <= 0) {
                return names[i] + ": must be positive, was " + values[i].toPlainString();
            }
        }
        if (high.compareTo(open.max(close)) < 0) {
            return "h: " + high.toPlainString() + " is below max(open, close) " + open.max(close).toPlainString();
        }
        if (low.compareTo(open.min(close)) > 0) {
            return "l: " + low.toPlainString() + " is above min(open, close) " + open.min(close).toPlainString();
        }
        return null;
    }
}
