package io.fxpipeline.ingest.command;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What the backfill's progress bar shows a person at the console. */
class BackfillProgressTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void aRunThatFindsEveryPairUpToDateDrawsNoBar() {
        try (BackfillCommand.Progress progress = new BackfillCommand.Progress(new PrintStream(console, true, StandardCharsets.UTF_8))) {
            progress.planned(3, 0);
            progress.received(0);
            progress.pairDone(null);
            progress.pairDone(null);
            progress.pairDone(null);
        }
        assertThat(shown()).isEmpty();
    }

    @Test
    void aLoadEndsAtAHundredPercentOfWhatWasReceived() {
        try (BackfillCommand.Progress progress = new BackfillCommand.Progress(new PrintStream(console, true, StandardCharsets.UTF_8))) {
            progress.planned(2, 100);
            progress.received(40);
            progress.pairDone(null);
            progress.received(120); // more than the estimate: the bar grows
            progress.pairDone(null);
        }
        String last = lastLine(shown());
        assertThat(last).contains("backfill", "100%", "120/120 candles", "pairs 2/2");
    }

    @Test
    void noProgressDrawsNothing() {
        try (BackfillCommand.Progress progress = new BackfillCommand.Progress(null)) {
            progress.planned(1, 10);
            progress.received(10);
            progress.pairDone(null);
        }
        assertThat(shown()).isEmpty();
    }

    private String shown() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static String lastLine(String console) {
        String[] lines = console.split("[\r\n]+");
        return lines[lines.length - 1];
    }
}
