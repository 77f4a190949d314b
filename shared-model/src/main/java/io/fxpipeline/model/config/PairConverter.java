package io.fxpipeline.model.config;

import io.fxpipeline.model.Pair;
import org.eclipse.microprofile.config.spi.Converter;

/** Lets every service declare {@code Pair} and {@code List<Pair>} settings; bad names fail start-up. */
public class PairConverter implements Converter<Pair> {

    @Override
    public Pair convert(String value) {
        return Pair.of(value.trim());
    }
}
