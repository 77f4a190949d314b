package io.fxpipeline.messaging.config;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store defaults come with a datasource and only then. */
class StoreDefaultsTest {

    private static List<ConfigSource> sources(ClassLoader loader) {
        List<ConfigSource> sources = new ArrayList<>();
        new StoreDefaults().getConfigSources(loader).forEach(sources::add);
        return sources;
    }

    @Test
    void aServiceWithADatasourceGetsThem() {
        List<ConfigSource> sources = sources(StoreDefaults.class.getClassLoader());
        assertThat(sources).hasSize(1);
        assertThat(sources.get(0).getOrdinal()).isEqualTo(100);
        assertThat(sources.get(0).getValue("quarkus.datasource.db-kind")).isEqualTo("postgresql");
        assertThat(sources.get(0).getValue("quarkus.flyway.schemas")).isEqualTo("${fx.service}");
    }

    @Test
    void aServiceWithoutOneGetsNone() {
        // sees the kit's resources but not the datasource extension's classes, as the dashboard's class path
        ClassLoader withoutDatasource = new ClassLoader(null) {
            @Override
            protected URL findResource(String name) {
                return StoreDefaults.class.getClassLoader().getResource(name);
            }
        };
        assertThat(withoutDatasource.getResource(StoreDefaults.RESOURCE)).isNotNull();
        assertThat(sources(withoutDatasource)).isEmpty();
    }
}
