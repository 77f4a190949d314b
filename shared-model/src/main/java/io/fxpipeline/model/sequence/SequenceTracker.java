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
 * timeout. A message the consumer could not apply is reported with {@link #applyFailed}: what its decision
 * confirmed is undone and the hole stays open until a complete replay covers it, so a failed write never turns
 * into a silent loss. Pure and synchronized: no I/O, safe from any thread. A series' messages are decided and
 * applied one at a time (the consumer keeps per-pair order), which is what makes the undo exact.
 */
public final class SequenceTracker {

    /** What the consumer should do with a {@code candles} message. */
    public record Decision(boolean apply, OptionalLong replaySinceSeq, OptionalLong newlyConfirmed, int phantoms) {

        public Decision(boolean apply, OptionalLong replaySinceSeq, OptionalLong newlyConfirmed) {
            this(apply, replaySinceSeq, newlyConfirmed, 0);
        }

        static Decision skip() {
            return new Decision(false, OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /** A replay request that is due: ask for everything stored after {@code sinceSeq}. */
    public record DueReplay(Series series, long sinceSeq) {
    }

    private static final class State {
        long confirmed = -1; // -1: nothing known yet
        TreeSet<Long> seenAhead = new TreeSet<>();
        Instant requestedAt;
        /** The highest sequence number whose message could not be applied; a hole while above confirmed. */
        long lost = -1;
        /** False once a chunk of the replay now arriving failed: its last chunk must not confirm. */
        boolean replayIntact = true;
        /** The state before the last applied decision, for {@link #applyFailed}. */
        long confirmedBefore = -1;
        TreeSet<Long> seenAheadBefore = new TreeSet<>();
        /** A catch-up replay was asked for and no complete answer has arrived yet. */
        boolean awaiting;
        /** When the last request went out: the confirmed position, and the highest number seen at all. */
        long confirmedWhenAsked = -1;
        long highestWhenAsked = -1;

        boolean hasHole() {
            return !seenAhead.isEmpty() || lost > confirmed;
        }

        /** Something is still owed by ingest: a hole, or an unanswered catch-up request. */
        boolean pending() {
            return hasHole() || awaiting;
        }

        void asked(Instant now) {
            requestedAt = now;
            confirmedWhenAsked = confirmed;
            highestWhenAsked = Math.max(confirmed, Math.max(lost, seenAhead.isEmpty() ? -1 : seenAhead.last()));
        }

        /**
         * Ingest's answer says the series is at {@code latest}. A number seen before the request went out can only
         * have been issued by then, so one above {@code latest} was never ingest's (forged, or from a foreign or reset
         * ingest): its hole is closed instead of being asked for forever. Answers how many numbers were dropped.
         */
        int closePhantoms(long latest) {
            if (highestWhenAsked <= latest) {
                return 0;
            }
            var phantom = seenAhead.subSet(latest, false, highestWhenAsked, true);
            int closed = phantom.size();
            phantom.clear();
            if (lost > latest && lost <= highestWhenAsked) {
                lost = -1;
                closed++;
            }
            if (confirmedWhenAsked > latest && confirmed > latest) {
                confirmed = latest;
                closed++;
            }
            return closed;
        }

        void remember() {
            confirmedBefore = confirmed;
            seenAheadBefore = new TreeSet<>(seenAhead);
        }
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
        State state = states.computeIfAbsent(series, s -> new State());
        state.asked(now);
        state.awaiting = true;
    }

    public synchronized Decision onCandles(CandlesReady message, Instant now) {
        Series series = new Series(message.pair(), message.granularity());
        State state = states.computeIfAbsent(series, s -> new State());
        long before = state.confirmed;
        if (message.isReplay()) {
            if (!requester.equals(message.replayFor())) {
                return Decision.skip();
            }
            state.remember();
            int phantoms = 0;
            OptionalLong nextPage = OptionalLong.empty();
            if (!message.hasMore()) {
                if (state.replayIntact) {
                    phantoms = state.closePhantoms(message.seq());
                    // The replay read everything stored up to its covered seq: the holes below it are filled.
                    state.confirmed = Math.max(state.confirmed, message.coveredSeq());
                    advance(state);
                    if (message.coveredSeq() < message.seq()) {
                        // a paged answer: ask for the next page at once
                        state.asked(now);
                        nextPage = OptionalLong.of(since(state));
                    } else {
                        state.awaiting = false;
                        if (!state.hasHole()) {
                            state.requestedAt = null;
                        }
                    }
                }
                state.replayIntact = true; // the next replay is judged on its own chunks
            }
            return new Decision(true, nextPage, changed(before, state), phantoms);
        }
        state.remember();
        long seq = message.seq();
        if (state.confirmed < 0 && !state.hasHole()) {
            state.confirmed = seq;
            return new Decision(true, OptionalLong.empty(), changed(before, state));
        }
        if (seq > state.confirmed) {
            state.seenAhead.add(seq);
            advance(state);
        }
        OptionalLong replay = OptionalLong.empty();
        if (state.hasHole() && due(state, now)) {
            state.asked(now);
            replay = OptionalLong.of(since(state));
        }
        return new Decision(true, replay, changed(before, state));
    }

    /**
     * The last message decided for its series was not applied (the consumer's store failed): undoes what that
     * decision confirmed and keeps a hole at its sequence number, answering the replay to ask for now, if one
     * is due. Call it before deciding the series' next message.
     */
    public synchronized OptionalLong applyFailed(CandlesReady message, Instant now) {
        State state = states.computeIfAbsent(new Series(message.pair(), message.granularity()), s -> new State());
        state.confirmed = state.confirmedBefore;
        state.seenAhead = new TreeSet<>(state.seenAheadBefore);
        state.lost = Math.max(state.lost, message.seq());
        if (message.isReplay() && message.hasMore()) {
            state.replayIntact = false;
        }
        if (!due(state, now)) {
            return OptionalLong.empty();
        }
        state.asked(now);
        return OptionalLong.of(since(state));
    }

    /**
     * Holes, and catch-up requests made on start, whose replay has not arrived in time; each returned request is
     * marked as asked again now.
     */
    public synchronized List<DueReplay> overdue(Instant now) {
        List<DueReplay> due = new ArrayList<>();
        states.forEach((series, state) -> {
            if (state.pending() && due(state, now)) {
                state.asked(now);
                due.add(new DueReplay(series, since(state)));
            }
        });
        return due;
    }

    public synchronized OptionalLong confirmed(Series series) {
        State state = states.get(series);
        return state == null || state.confirmed < 0 ? OptionalLong.empty() : OptionalLong.of(state.confirmed);
    }

    /** The series with a hole not yet filled by a replay. */
    public synchronized java.util.Set<Series> holes() {
        java.util.Set<Series> holes = new java.util.HashSet<>();
        states.forEach((series, state) -> {
            if (state.hasHole()) {
                holes.add(series);
            }
        });
        return holes;
    }

    /** Number of series with a hole not yet filled by a replay. */
    public synchronized int openGaps() {
        return (int) states.values().stream().filter(State::hasHole).count();
    }

    private boolean due(State state, Instant now) {
        return state.requestedAt == null || !now.isBefore(state.requestedAt.plus(replayTimeout));
    }

    /** Where a replay must start: after the confirmed position, or from the beginning when none is known. */
    private static long since(State state) {
        return Math.max(0, state.confirmed);
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
