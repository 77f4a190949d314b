package io.fxpipeline.model.sequence;

import io.fxpipeline.model.message.CandlesReady;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * A consumer's view of ingest's per-series sequence numbers: which messages it has fully applied and which it
 * must ask to be replayed.
 * <p>
 * {@link #confirmed(Series)} is the highest sequence number below which nothing is missing; persisting it
 * lets a restarted consumer ask for exactly what it missed ({@code since_seq}). A hole (a later number seen
 * before an earlier one) yields one replay request, repeated only when the replay has not arrived within the
 * timeout. Pure and synchronized: no I/O, safe from any thread.
 */
public final class SequenceTracker {

    /** What the consumer should do with a {@code candles} message. */
    public record Decision(boolean apply, OptionalLong replaySinceSeq, OptionalLong newlyConfirmed) {

        static Decision skip() {
            return new Decision(false, OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /** A replay request that is due: ask for everything stored after {@code sinceSeq}. */
    public record DueReplay(Series series, long sinceSeq) {
    }

    private static final class State {
        long confirmed = -1; // -1: nothing known yet
        final TreeSet<Long> seenAhead = new TreeSet<>();
        Instant requestedAt;
    }

    private final String requester;
    private final Duration replayTimeout;
    private final Map<Series, State> states = new HashMap<>();

    /**
     * @param requester     this consumer's name; replays addressed to others are skipped
     * @param replayTimeout how long to wait for a replay before asking again
     */
    public SequenceTracker(String requester, Duration replayTimeout) {
        this.requester = requester;
        this.replayTimeout = replayTimeout;
    }

    /** Restores the confirmed position persisted by an earlier run. */
    public synchronized void restore(Series series, long confirmed) {
        State state = states.computeIfAbsent(series, s -> new State());
        state.confirmed = Math.max(state.confirmed, confirmed);
        state.seenAhead.headSet(state.confirmed, true).clear();
    }

    /** Records that a start-up replay was asked for, so a hole seen meanwhile does not ask twice. */
    public synchronized void replayRequested(Series series, Instant now) {
        states.computeIfAbsent(series, s -> new State()).requestedAt = now;
    }

    public synchronized Decision onCandles(CandlesReady message, Instant now) {
        Series series = new Series(message.pair(), message.granularity());
        State state = states.computeIfAbsent(series, s -> new State());
        long before = state.confirmed;
        if (message.isReplay()) {
            if (!requester.equals(message.replayFor())) {
                return Decision.skip();
            }
            if (!message.hasMore()) {
                // The replay read everything stored up to seq: the holes below it are filled.
                state.confirmed = Math.max(state.confirmed, message.seq());
                advance(state);
                if (state.seenAhead.isEmpty()) {
                    state.requestedAt = null;
                }
            }
            return new Decision(true, OptionalLong.empty(), changed(before, state));
        }
        long seq = message.seq();
        if (state.confirmed < 0) {
            state.confirmed = seq;
            return new Decision(true, OptionalLong.empty(), changed(before, state));
        }
        if (seq > state.confirmed) {
            state.seenAhead.add(seq);
            advance(state);
        }
        OptionalLong replay = OptionalLong.empty();
        if (!state.seenAhead.isEmpty() && due(state, now)) {
            state.requestedAt = now;
            replay = OptionalLong.of(state.confirmed);
        }
        return new Decision(true, replay, changed(before, state));
    }

    /** Holes whose replay has not arrived in time; each returned request is marked as asked again now. */
    public synchronized List<DueReplay> overdue(Instant now) {
        List<DueReplay> due = new ArrayList<>();
        states.forEach((series, state) -> {
            if (!state.seenAhead.isEmpty() && due(state, now)) {
                state.requestedAt = now;
                due.add(new DueReplay(series, state.confirmed));
            }
        });
        return due;
    }

    public synchronized OptionalLong confirmed(Series series) {
        State state = states.get(series);
        return state == null || state.confirmed < 0 ? OptionalLong.empty() : OptionalLong.of(state.confirmed);
    }

    /** Number of series with a hole not yet filled by a replay. */
    public synchronized int openGaps() {
        return (int) states.values().stream().filter(s -> !s.seenAhead.isEmpty()).count();
    }

    private boolean due(State state, Instant now) {
        return state.requestedAt == null || !now.isBefore(state.requestedAt.plus(replayTimeout));
    }

    private static void advance(State state) {
        while (!state.seenAhead.isEmpty() && state.seenAhead.first() <= state.confirmed + 1) {
            state.confirmed = Math.max(state.confirmed, state.seenAhead.pollFirst());
        }
    }

    private static OptionalLong changed(long before, State state) {
        return state.confirmed != before ? OptionalLong.of(state.confirmed) : OptionalLong.empty();
    }
}
