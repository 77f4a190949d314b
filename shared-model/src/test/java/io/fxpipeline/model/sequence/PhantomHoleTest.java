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

import static org.assertj.core.api.Assertions.assertThat;

/** Holes that ingest never opened (forged or foreign sequence numbers), start-up requests, and paged replays. */
class PhantomHoleTest {

    private static final String ME = "analytics-service";
    private static final Pair PAIR = Pair.of("EUR_USD");
    private static final Series SERIES = new Series(PAIR, Granularity.H1);
    private static final Instant T0 = Instant.parse("2024-11-15T20:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final SequenceTracker tracker = new SequenceTracker(ME, TIMEOUT);

    private static Candle candle() {
        BigDecimal p = new BigDecimal("1.1");
        return new Candle(Instant.parse("2024-11-15T19:00:00Z"), p, p, p, p, 1L);
    }

    private static CandlesReady live(long seq) {
        return CandlesReady.live(T0, PAIR, Granularity.H1, seq, List.of(candle()));
    }

    private static CandlesReady emptyAnswer(long seriesSeq) {
        return CandlesReady.replay(T0, PAIR, Granularity.H1, seriesSeq, ME, false, List.of());
    }

    @Test
    void aForgedSequenceNumberIsClosedByIngestsAnswerInsteadOfReAskedForever() {
        tracker.restore(SERIES, 10);
        assertThat(tracker.onCandles(live(999_999_999), T0).replaySinceSeq()).hasValue(10);
        assertThat(tracker.openGaps()).isEqualTo(1);

        SequenceTracker.Decision answer = tracker.onCandles(emptyAnswer(10), T0.plusSeconds(1));
        assertThat(answer.phantoms()).isEqualTo(1);
        assertThat(tracker.openGaps()).isZero();
        assertThat(tracker.confirmed(SERIES)).hasValue(10);
        assertThat(tracker.overdue(T0.plus(TIMEOUT.multipliedBy(10)))).as("nothing is asked again").isEmpty();
        // and the real next message is contiguous
        assertThat(tracker.onCandles(live(11), T0.plusSeconds(2)).replaySinceSeq()).isEmpty();
        assertThat(tracker.confirmed(SERIES)).hasValue(11);
    }

    @Test
    void aForgedPositionIsMovedBackToIngestsNumber() {
        tracker.restore(SERIES, 999_999_999); // persisted after a forged first message
        tracker.replayRequested(SERIES, T0);
        SequenceTracker.Decision answer = tracker.onCandles(emptyAnswer(42), T0.plusSeconds(1));
        assertThat(answer.phantoms()).isEqualTo(1);
        assertThat(answer.newlyConfirmed()).hasValue(42);
        assertThat(tracker.onCandles(live(44), T0.plusSeconds(2)).replaySinceSeq()).as("a real gap is seen again")
                .hasValue(42);
    }

    @Test
    void aNumberSeenAfterAskingIsNotAPhantom() {
        tracker.restore(SERIES, 10);
        tracker.onCandles(live(12), T0); // hole at 11, asked now
        tracker.onCandles(live(13), T0.plusSeconds(1)); // issued after ingest's read below
        SequenceTracker.Decision answer = tracker.onCandles(
                CandlesReady.replay(T0, PAIR, Granularity.H1, 12, ME, false, List.of(candle())), T0.plusSeconds(2));
        assertThat(answer.phantoms()).isZero();
        assertThat(tracker.confirmed(SERIES)).hasValue(13);
    }

    @Test
    void startUpRequestsAreRepeatedUntilAnswered() {
        tracker.replayRequested(SERIES, T0);
        assertThat(tracker.overdue(T0.plusSeconds(10))).isEmpty();
        assertThat(tracker.overdue(T0.plus(TIMEOUT))).containsExactly(new SequenceTracker.DueReplay(SERIES, 0));
        assertThat(tracker.overdue(T0.plus(TIMEOUT.multipliedBy(2)))).hasSize(1);
        tracker.onCandles(emptyAnswer(0), T0.plus(TIMEOUT.multipliedBy(2)).plusSeconds(1));
        assertThat(tracker.overdue(T0.plus(TIMEOUT.multipliedBy(5)))).as("answered: asked no more").isEmpty();
    }

    @Test
    void aPagedAnswerAsksForTheNextPageAtOnce() {
        tracker.restore(SERIES, 0);
        tracker.replayRequested(SERIES, T0);
        SequenceTracker.Decision page = tracker.onCandles(CandlesReady.replayPage(T0, PAIR, Granularity.H1, 9, 4, ME,
                false, List.of(candle())), T0.plusSeconds(1));
        assertThat(page.newlyConfirmed()).hasValue(4);
        assertThat(page.replaySinceSeq()).hasValue(4);
        SequenceTracker.Decision rest = tracker.onCandles(CandlesReady.replayPage(T0, PAIR, Granularity.H1, 9, 9, ME,
                false, List.of(candle())), T0.plusSeconds(2));
        assertThat(rest.replaySinceSeq()).isEmpty();
        assertThat(tracker.confirmed(SERIES)).hasValue(9);
        assertThat(tracker.overdue(T0.plus(TIMEOUT.multipliedBy(5)))).isEmpty();
    }
}
