package io.fxpipeline.model.config;

import io.fxpipeline.model.Granularity;
import org.eclipse.microprofile.config.spi.Converter;

/** Granularity settings accept the OANDA names only, and say which ones when given another. */
public class GranularityConverter implements Converter<Granularity> {

    @Override
    public Granularity convert(String value) {
        return Granularity.parse(value.trim());
    }
}
