package io.fxpipeline.messaging.rest;

import io.fxpipeline.model.Pair;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;

/**
 * Lets resources take {@link Pair}, {@link Instant} and {@link Integer} parameters directly. A value that is
 * not one is a {@link Problems.BadRequest} naming the parameter, mapped to the same problem+json as before.
 */
@Provider
public class DomainParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType == Pair.class) {
            return (ParamConverter<T>) new Converter<>(Problems::pair);
        }
        if (rawType == Integer.class) {
            String name = name(annotations);
            return (ParamConverter<T>) new Converter<>(value -> Problems.wholeNumber(name, value));
        }
        if (rawType == Instant.class) {
            String name = name(annotations);
            return (ParamConverter<T>) new Converter<>(value -> Problems.instant(name, value));
        }
        return null;
    }

    /** The parameter's name as the client wrote it, for the error message. */
    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
        }
        return "value";
    }

    /** Parses with {@code parse}; writes a value back by its {@code toString} (the OANDA name, the ISO instant). */
    private record Converter<T>(java.util.function.Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            return value == null ? null : parse.apply(value);
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }
}
