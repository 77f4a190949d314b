package io.fxpipeline.model.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.Checks;
import io.fxpipeline.model.codec.MalformedMessageException;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * {@code data_ready} type {@code candles}: candles ingest has just stored (or re-sends for a replay), for one
 * pair and granularity, ascending by time.
 * <p>
 * {@code seq} numbers ingest's live messages per pair and granularity without holes, so a consumer that sees
 * {@code seq > last + 1} knows exactly that it missed messages and asks for {@code since_seq = last}. A replay
 * answer names its requester in {@code replay_for} and carries the pair's sequence number as of the replay's
 * read; {@code more: true} marks every chunk of a replay but the last, so the consumer takes the replay as
 * complete only when the last chunk has arrived. The last chunk may carry no candles (nothing to replay): it still
 * states ingest's sequence number, so a hole the consumer saw beyond it is a phantom (a forged or foreign number)
 * and is closed. A paged answer (ingest caps the rows per answer) adds {@code through_seq}, how far it goes.
 * <p>
 * {@code sig} (additive, optional) is ingest's Ed25519 signature over the message's canonical form
 * ({@link io.fxpipeline.model.signature.CandleSignature}): consumers given ingest's public key refuse candle messages
 * without a valid one, since any publisher on {@code data_ready} could otherwise forge candles.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandlesReady(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("pair") Pair pair,
        @JsonProperty("granularity") Granularity granularity,
        @JsonProperty("seq") Long seq,
        @JsonProperty("replay_for") String replayFor,
        @JsonProperty("more") Boolean more,
        @JsonProperty("through_seq") Long throughSeq,
        @JsonProperty("candles") List<Candle> candles,
        @JsonProperty("count") Integer count,
        @JsonProperty("sig") String sig) implements Message {

    public static final String TYPE = "candles";
    /** Chunk size ingest uses; consumers accept any size the codec's payload limit lets through. */
    public static final int MAX_CANDLES = 500;

    /** An unsigned message (ingest signs it last, with {@link #withSig}). */
    public CandlesReady(Instant ts, Pair pair, Granularity granularity, Long seq, String replayFor, Boolean more,
            Long throughSeq, List<Candle> candles, Integer count) {
        this(ts, pair, granularity, seq, replayFor, more, throughSeq, candles, count, null);
    }

    public CandlesReady {
        Checks.required(ts, "ts");
        if (sig != null) {
            Checks.text(sig, "sig", 200);
        }
        Checks.required(pair, "pair");
        Checks.required(granularity, "granularity");
        // a replay of a series ingest has never stored states its sequence number 0
        if (Checks.nonNegative(seq, "seq") == 0 && replayFor == null) {
            throw new MalformedMessageException("seq", "starts at 1");
        }
        if (replayFor != null) {
            Checks.text(replayFor, "replay_for", 100);
        }
        if (throughSeq != null && (replayFor == null || Checks.nonNegative(throughSeq, "through_seq") > seq)) {
            throw new MalformedMessageException("through_seq", "only a replay carries it, and never above seq");
        }
        // The last chunk of a replay may be empty: it still states ingest's sequence number, which closes holes.
        candles = replayFor != null && !Boolean.TRUE.equals(more) && candles != null && candles.isEmpty()
                ? List.of() : Checks.nonEmpty(candles, "candles");
        Checks.countMatches(count, candles.size());
        for (int i = 1; i < candles.size(); i++) {
            if (!candles.get(i).time().isAfter(candles.get(i - 1).time())) {
                throw new MalformedMessageException("candles[" + i + "].time", "is not after the previous candle's time");
            }
        }
    }

    public static CandlesReady live(Instant ts, Pair pair, Granularity granularity, long seq, List<Candle> candles) {
        return new CandlesReady(ts, pair, granularity, seq, null, null, null, candles, candles.size());
    }

    public static CandlesReady replay(Instant ts, Pair pair, Granularity granularity, long seq, String requester,
            boolean more, List<Candle> candles) {
        return new CandlesReady(ts, pair, granularity, seq, requester, more ? Boolean.TRUE : null, null, candles,
                candles.size());
    }

    /**
     * A chunk of a paged replay: the answer covers what was stored up to {@code throughSeq} while the series is at
     * {@code seq}; the requester asks again from {@code throughSeq} for the rest.
     */
    public static CandlesReady replayPage(Instant ts, Pair pair, Granularity granularity, long seq, long throughSeq,
            String requester, boolean more, List<Candle> candles) {
        return new CandlesReady(ts, pair, granularity, seq, requester, more ? Boolean.TRUE : null,
                throughSeq < seq ? throughSeq : null, candles, candles.size());
    }

    /** The same message carrying {@code sig}. */
    public CandlesReady withSig(String signature) {
        return new CandlesReady(ts, pair, granularity, seq, replayFor, more, throughSeq, candles, count, signature);
    }

    /** The sequence number this replay answer brings the requester up to: {@code through_seq}, else {@code seq}. */
    @JsonIgnore
    public long coveredSeq() {
        return throughSeq != null ? throughSeq : seq;
    }

    @JsonIgnore
    public boolean hasMore() {
        return Boolean.TRUE.equals(more);
    }

    @JsonIgnore
    public boolean isReplay() {
        return replayFor != null;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
