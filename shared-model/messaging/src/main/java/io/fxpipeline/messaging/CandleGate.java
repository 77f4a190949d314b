package io.fxpipeline.messaging;

import io.fxpipeline.model.CandleRule;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A consumer's trust boundary for {@code data_ready} candles: each candle must pass the {@link CandleRule} before
 * the service stores or computes anything from it. A failing candle is never stored and never asked for again;
 * it is logged with pair, time and reason and counted in {@code fx.<service>.candles.rejected{pair,reason}}.
 */
public final class CandleGate {

    private final Granularity granularity;
    private final MeterRegistry meters;
    private final String metricPrefix;

    public CandleGate(Granularity granularity, MeterRegistry meters, String metricPrefix) {
        this.granularity = granularity;
        this.meters = meters;
        this.metricPrefix = metricPrefix;
    }

    /** The message with only the candles that pass the rule at {@code now}; empty when none does. */
    public Optional<CandlesReady> admit(CandlesReady message, Instant now) {
        List<Candle> passed = new ArrayList<>(message.candles().size());
        for (Candle candle : message.candles()) {
            Optional<CandleRule.Violation> violation = CandleRule.check(candle, granularity, now);
            if (violation.isEmpty()) {
                passed.add(candle);
                continue;
            }
            meters.counter(metricPrefix + ".candles.rejected", "pair", message.pair().name(),
                    "reason", violation.get().reason().tag()).increment();
            Log.warnf("candle rejected: %s %s seq %d %s %s", message.pair(), candle.time(), message.seq(),
                    message.isReplay() ? "replay" : "live", violation.get());
        }
        if (passed.isEmpty()) {
            return Optional.empty();
        }
        if (passed.size() == message.candles().size()) {
            return Optional.of(message);
        }
        return Optional.of(new CandlesReady(message.ts(), message.pair(), message.granularity(), message.seq(),
                message.replayFor(), message.more(), message.throughSeq(), passed, passed.size()));
    }
}
