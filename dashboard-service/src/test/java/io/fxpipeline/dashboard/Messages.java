package io.fxpipeline.dashboard;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.CorrelationAlert;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.PriceUpdate;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.model.message.VolatilityMetrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Contract messages for stream tests, encoded by the shared codec exactly as the pipeline publishes them. */
public final class Messages {

    public static final MessageCodec CODEC = new MessageCodec();
    static final Instant T0 = Instant.parse("2025-01-20T10:00:00Z");

    private Messages() {
    }

    public static String metrics(String pair, double close) {
        return CODEC.encode(MetricsReady.of(Instant.now(), Pair.of(pair), Granularity.H1, List.of(new VolatilityMetrics(T0,
                close, 0.081, 0.079, close, close, close, close * 1.004, close, close * 0.996, close * 0.0012))));
    }

    public static String volatilityAlert(String pair, double hv) {
        return CODEC.encode(new VolatilityAlert(Instant.now(), Pair.of(pair), Granularity.H1, hv, 0.15,
                hv >= 0.15 ? Severity.CRITICAL : Severity.WARNING, T0));
    }

    public static String correlationAlert(String a, String b, double r) {
        return CODEC.encode(new CorrelationAlert(Instant.now(), Pair.of(a), Pair.of(b), r, 0.7, Severity.CRITICAL, T0));
    }

    public static String systemAlert(SystemAlert.Kind kind, String subject, String message) {
        return CODEC.encode(new SystemAlert(Instant.now(), "ingest-service", kind, subject, message));
    }

    public static String price(String pair, String bid, String ask) {
        BigDecimal b = new BigDecimal(bid);
        BigDecimal a = new BigDecimal(ask);
        return CODEC.encode(new PriceUpdate(Instant.now(), Pair.of(pair), b, a, PriceUpdate.midOf(b, a), T0, true));
    }

    /** A live candles message of {@code count} hourly candles; 500 of them make about 60 KB. */
    public static String candles(String pair, long seq, int count) {
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigDecimal open = new BigDecimal("1.08500").add(BigDecimal.valueOf(i % 50, 5));
            candles.add(new Candle(T0.plus(Duration.ofHours(i)), open, open.add(new BigDecimal("0.00040")),
                    open.subtract(new BigDecimal("0.00030")), open.add(new BigDecimal("0.00010")), 1000L + i));
        }
        return CODEC.encode(CandlesReady.live(Instant.now(), Pair.of(pair), Granularity.H1, seq, candles));
    }
}
