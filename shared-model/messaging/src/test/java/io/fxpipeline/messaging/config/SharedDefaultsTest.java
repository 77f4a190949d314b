package io.fxpipeline.messaging.config;

import io.fxpipeline.model.TrackedPairs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The common defaults shipped in the kit agree with the wire contract's tracked pairs. */
class SharedDefaultsTest {

    @Test
    void theDefaultPairsAreTheDesignsTwenty() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = ServiceConfig.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        }
        assertThat(shipped.getProperty("fx.pairs")).isEqualTo("${FX_PAIRS:" + TrackedPairs.DEFAULT_LIST + "}");
    }
}
