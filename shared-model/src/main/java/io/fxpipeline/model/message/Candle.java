package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.CandleRule;
import io.fxpipeline.model.codec.Checks;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

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
        problem(open, high, low, close).ifPresent(p -> {
            throw new MalformedMessageException(p.field(), p.reason());
        });
        // The codec refuses what no quote can be (1e400, 44 digits): a double copy would be infinite or inexact.
        CandleRule.prices(open, high, low, close).ifPresent(v -> {
            throw new MalformedMessageException(v.detail().substring(0, 1), v.detail().substring(2));
        });
        Checks.nonNegative(volume, "volume");
    }

    /** What is wrong with a candle's prices. */
    public enum Fault {
        MISSING, NON_POSITIVE, HIGH_BELOW_MAX, LOW_ABOVE_MIN
    }

    /** Why prices cannot form a candle: the fault, the field ({@code o}, {@code h}, {@code l}, {@code c}) and a reason to show. */
    public record Problem(Fault fault, String field, String reason) {

        /** {@code "<field>: <reason>"}, as messages and rejections report it. */
        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }

    /**
     * Why these prices cannot form a candle, or empty when they can. Shared with feed validation so a rejected
     * OANDA candle and a rejected message give the same reason.
     */
    public static Optional<Problem> problem(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
        String[] names = {"o", "h", "l", "c"};
        BigDecimal[] values = {open, high, low, close};
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                return Optional.of(new Problem(Fault.MISSING, names[i], "is missing"));
            }
            if (values[i].signum() <= 0) {
                return Optional.of(new Problem(Fault.NON_POSITIVE, names[i], "must be positive, was "
                        + values[i].toPlainString()));
            }
        }
        if (high.compareTo(open.max(close)) < 0) {
            return Optional.of(new Problem(Fault.HIGH_BELOW_MAX, "h", high.toPlainString() + " is below max(open, close) "
                    + open.max(close).toPlainString()));
        }
        if (low.compareTo(open.min(close)) > 0) {
            return Optional.of(new Problem(Fault.LOW_ABOVE_MIN, "l", low.toPlainString() + " is above min(open, close) "
                    + open.min(close).toPlainString()));
        }
        return Optional.empty();
    }
}
