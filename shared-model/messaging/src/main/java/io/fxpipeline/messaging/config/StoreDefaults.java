package io.fxpipeline.messaging.config;

import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;

/**
 * The kit's store defaults (PostgreSQL and Flyway, {@code META-INF/fx-store-defaults.properties}) for the services
 * that have a datasource, and nothing for those that have none (the dashboard), where every such key would be an
 * "Unrecognized configuration key" warning at start. Same ordinal as the kit's other defaults: a service's
 * application.properties and the environment override them.
 */
public class StoreDefaults implements ConfigSourceProvider {

    static final String RESOURCE = "META-INF/fx-store-defaults.properties";
    /** The datasource extension's runtime (not its common part, which other extensions' build steps bring along). */
    static final String DATASOURCE = "io.quarkus.datasource.runtime.DataSourcesRuntimeConfig";
    private static final int ORDINAL = 100;

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader loader) {
        ClassLoader classes = loader != null ? loader : StoreDefaults.class.getClassLoader();
        URL defaults = classes.getResource(RESOURCE);
        if (defaults == null || !hasDatasource(classes)) {
            return List.of();
        }
        try {
            return List.of(new PropertiesConfigSource(defaults, ORDINAL));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kit's " + RESOURCE, e);
        }
    }

    static boolean hasDatasource(ClassLoader classes) {
        try {
            Class.forName(DATASOURCE, false, classes);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
