package io.fxpipeline.model.signature;

import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a {@code candles} message that ingest signs and consumers verify (Ed25519, JDK built-in). Built from
 * the decoded fields, not the JSON text, so a consumer recomputes them whatever the JSON's field order, spacing or
 * trailing zeros; {@code sig} itself is not part of them. Layout (UTF-8, one field a line): a version tag, ts,
 * pair, granularity, seq, replay_for (length-prefixed, {@code -} when absent), more, through_seq, count, then one
 * line per candle: time, o, h, l, c (numeric value, trailing zeros stripped, plain notation) and volume.
 */
public final class CandleSignature {

    /** The JDK's signature algorithm name (JEP 339: in every JDK 15+, and in native images). */
    public static final String ALGORITHM = "Ed25519";

    private static final String TAG = "fx-candles/1";

    private CandleSignature() {
    }

    /** The canonical bytes of {@code message}, ignoring its {@code sig}. */
    public static byte[] canonical(CandlesReady message) {
        StringBuilder out = new StringBuilder(64 + 72 * message.candles().size());
        out.append(TAG).append('\n')
                .append(message.ts()).append('\n')
                .append(message.pair().name()).append('\n')
                .append(message.granularity().name()).append('\n')
                .append(message.seq()).append('\n')
                .append(message.replayFor() == null ? "-" : message.replayFor().length() + ":" + message.replayFor()).append('\n')
                .append(message.hasMore()).append('\n')
                .append(message.throughSeq() == null ? "-" : message.throughSeq().toString()).append('\n')
                .append(message.count()).append('\n');
        for (Candle c : message.candles()) {
            out.append(c.time()).append(' ').append(plain(c.open())).append(' ').append(plain(c.high())).append(' ')
                    .append(plain(c.low())).append(' ').append(plain(c.close())).append(' ').append(c.volume()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
