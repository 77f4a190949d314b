package io.fxpipeline.model.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.fxpipeline.model.UtcTimes;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Fast readers for the two scalars every candle carries five of: times in the contract's own form
 * ({@code 2024-11-15T19:00:00Z}) and prices as plain decimals ({@code "1.05350"}). The general ISO parser and Jackson's
 * number check were half of a candle's decode. Anything not in exactly that form (fractions of a second, offsets,
 * exponents, signs, garbage) goes to Jackson's own deserializer, so values and error messages stay what they were.
 */
final class ContractScalars {

    private ContractScalars() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("fx-contract-scalars");
        module.addDeserializer(Instant.class, new UtcSeconds());
        module.addDeserializer(BigDecimal.class, new PlainDecimal());
        return module;
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ}, a valid date and time of day; any other text is read by jsr310's deserializer. */
    static final class UtcSeconds extends StdScalarDeserializer<Instant> {

        private final JsonDeserializer<Instant> general = InstantDeserializer.INSTANT;

        UtcSeconds() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                Instant fast = parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                if (fast != null) {
                    return fast;
                }
            }
            return general.deserialize(p, ctxt);
        }

        /** The instant, or null when the text is not exactly the contract's form of a real UTC second. */
        static Instant parse(char[] c, int at, int length) {
            return UtcTimes.parse(c, at, length, false); // the contract writes whole seconds: no fraction
        }
    }

    /** Digits with at most one point inside them, up to 40 characters; anything else goes to Jackson's reader. */
    static final class PlainDecimal extends StdScalarDeserializer<BigDecimal> {

        private final JsonDeserializer<BigDecimal> general = NumberDeserializers.BigDecimalDeserializer.instance;

        PlainDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING) && plain(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
                return new BigDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            }
            return general.deserialize(p, ctxt);
        }

        static boolean plain(char[] c, int at, int length) {
            if (length == 0 || length > 40 || c[at] == '.' || c[at + length - 1] == '.') {
                return false;
            }
            boolean point = false;
            for (int i = at; i < at + length; i++) {
                if (c[i] == '.') {
                    if (point) {
                        return false;
                    }
                    point = true;
                } else if (c[i] < '0' || c[i] > '9') {
                    return false;
                }
            }
            return true;
        }
    }
}
