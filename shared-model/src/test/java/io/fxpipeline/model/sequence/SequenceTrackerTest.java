package io.fxpipeline.model.sequence;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest {

    private static final Pair PAIR = Pair.of("EUR_USD");
    private static final Series SERIES = new Series(PAIR, Granularity.H1);
    private static final Instant T0 = Instant.parse("2024-11-15T20:00:00Z");
    private final SequenceTracker tracker = new SequenceTracker("analytics-service", Duration.ofSeconds(30));

    private static CandlesReady live(long seq) {
        return CandlesReady.live(T0, PAIR, Granularity.H1, seq, List.of(candle()));
    }

    private static CandlesReady replay(long seq, String to, boolean more) {
        return CandlesReady.replay(T0, PAIR, Granularity.H1, seq, to, more, List.of(candle()));
    }

    private static Candle candle() {
        BigDecimal p = new BigDecimal("1.1");
        return new Candle(Instant.parse("2024-11-15T19:00:00Z"), p, p, p, p, 1L);
    }

    @Test
    void contiguousMessagesAdvanceWithoutReplays() {
        for (long seq = 5; seq <= 8; seq++) {
            SequenceTracker.Decision d = tracker.onCandles(live(seq), T0);
            assertThat(d.apply()).isTrue();
            assertThat(d.replaySinceSeq()).isEmpty();
        }
        assertThat(tracker.confirmed(SERIES)).hasValue(8);
        assertThat(tracker.openGaps()).isZero();
    }

    @Test
    void aHoleAsksOnceForExactlyWhatIsMissingAndTheReplayClosesIt() {
        tracker.restore(SERIES, 10);
        SequenceTracker.Decision gap = tracker.onCandles(live(13), T0);
        assertThat(gap.apply()).isTrue();
        assertThat(gap.replaySinceSeq()).hasValue(10);
        assertThat(tracker.onCandles(live(14), T0.plusSeconds(1)).replaySinceSeq()).isEmpty();
        assertThat(tracker.confirmed(SERIES)).hasValue(10);

        assertThat(tracker.onCandles(replay(14, "analytics-service", true), T0.plusSeconds(2)).newlyConfirmed())
                .isEmpty();
        SequenceTracker.Decision last = tracker.onCandles(replay(14, "analytics-service", false), T0.plusSeconds(2));
        assertThat(last.newlyConfirmed()).isEqualTo(OptionalLong.of(14));
        assertThat(tracker.openGaps()).isZero();
    }

    @Test
    void anUnansweredReplayIsAskedAgainAfterTheTimeout() {
        tracker.restore(SERIES, 1);
        tracker.onCandles(live(3), T0);
        assertThat(tracker.overdue(T0.plusSeconds(29))).isEmpty();
        assertThat(tracker.overdue(T0.plusSeconds(30))).containsExactly(new SequenceTracker.DueReplay(SERIES, 1));
        assertThat(tracker.overdue(T0.plusSeconds(31))).isEmpty();
    }

    @Test
    void lateArrivalsFillTheHoleWithoutAReplay() {
        tracker.restore(SERIES, 1);
        tracker.onCandles(live(3), T0);
        assertThat(tracker.onCandles(live(2), T0).newlyConfirmed()).hasValue(3);
        assertThat(tracker.openGaps()).isZero();
    }

    @Test
    void replaysForOthersAreSkippedAndDuplicatesAreHarmless() {
        tracker.onCandles(live(4), T0);
        assertThat(tracker.onCandles(replay(9, "correlation-service", false), T0).apply()).isFalse();
        SequenceTracker.Decision duplicate = tracker.onCandles(live(4), T0);
        assertThat(duplicate.apply()).isTrue();
        assertThat(duplicate.replaySinceSeq()).isEmpty();
        assertThat(tracker.confirmed(SERIES)).hasValue(4);
    }
    @Test
    void aMessageThatCouldNotBeAppliedIsUndoneAndReplayedFromBeforeIt() {
        tracker.restore(SERIES, 10);
        assertThat(tracker.onCandles(live(11), T0).newlyConfirmed()).hasValue(11);
        assertThat(tracker.applyFailed(live(11), T0)).hasValue(10);
        assertThat(tracker.confirmed(SERIES)).hasValue(10);
        assertThat(tracker.openGaps()).isOne();

        SequenceTracker.Decision next = tracker.onCandles(live(12), T0.plusSeconds(1));
        assertThat(next.newlyConfirmed()).as("nothing is confirmed past the failed message").isEmpty();
        assertThat(next.replaySinceSeq()).as("already asked").isEmpty();
        assertThat(tracker.overdue(T0.plusSeconds(30))).containsExactly(new SequenceTracker.DueReplay(SERIES, 10));

        assertThat(tracker.onCandles(replay(12, "analytics-service", false), T0.plusSeconds(31)).newlyConfirmed())
                .hasValue(12);
        assertThat(tracker.openGaps()).isZero();
    }

    @Test
    void aFailedMessageThatFilledAHoleReopensIt() {
        tracker.restore(SERIES, 10);
        tracker.onCandles(live(12), T0);
        assertThat(tracker.onCandles(live(11), T0).newlyConfirmed()).hasValue(12);
        tracker.applyFailed(live(11), T0.plusSeconds(40));
        assertThat(tracker.confirmed(SERIES)).hasValue(10);
        assertThat(tracker.onCandles(live(13), T0.plusSeconds(41)).newlyConfirmed()).isEmpty();
        assertThat(tracker.onCandles(live(11), T0.plusSeconds(42)).newlyConfirmed())
                .as("a later, successful delivery of the failed message closes the hole").hasValue(13);
        assertThat(tracker.openGaps()).isZero();
    }

    @Test
    void aReplayWithAFailedChunkDoesNotConfirmAndTheNextCompleteOneDoes() {
        tracker.restore(SERIES, 10);
        tracker.onCandles(live(13), T0);
        tracker.onCandles(replay(13, "analytics-service", true), T0);
        tracker.applyFailed(replay(13, "analytics-service", true), T0);
        assertThat(tracker.onCandles(replay(13, "analytics-service", false), T0).newlyConfirmed())
                .as("the last chunk of a replay that lost one").isEmpty();
        assertThat(tracker.openGaps()).isOne();

        tracker.onCandles(replay(13, "analytics-service", true), T0.plusSeconds(30));
        assertThat(tracker.onCandles(replay(13, "analytics-service", false), T0.plusSeconds(30)).newlyConfirmed())
                .hasValue(13);
        assertThat(tracker.openGaps()).isZero();
    }

    @Test
    void aFailedFirstMessageAsksForEverything() {
        tracker.onCandles(live(5), T0);
        assertThat(tracker.applyFailed(live(5), T0)).hasValue(0);
        assertThat(tracker.confirmed(SERIES)).isEmpty();
        assertThat(tracker.onCandles(live(6), T0).newlyConfirmed()).isEmpty();
        assertThat(tracker.onCandles(replay(6, "analytics-service", false), T0).newlyConfirmed()).hasValue(6);
        assertThat(tracker.openGaps()).isZero();
    }
}
