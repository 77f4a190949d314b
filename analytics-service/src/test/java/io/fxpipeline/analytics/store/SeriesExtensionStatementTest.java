package io.fxpipeline.analytics.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesExtensionStatementTest {

    /** Longer, the client would not keep it prepared: every live hour would be parsed and planned again (≈ 0.4 ms). */
    @Test
    void theOneStatementWriteStaysShortEnoughToBeKeptPrepared() {
        assertThat(SeriesExtension.STATEMENT.length()).isLessThan(SeriesExtension.CACHED_LENGTH);
        assertThat(SeriesExtension.STATEMENT).doesNotContain("  ").doesNotContain("\n");
    }
}
