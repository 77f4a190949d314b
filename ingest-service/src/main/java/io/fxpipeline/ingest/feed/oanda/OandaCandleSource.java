package io.fxpipeline.ingest.feed.oanda;

import io.fxpipeline.ingest.feed.CandlePage;
import io.fxpipeline.ingest.feed.CandleSource;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.time.Instant;

/** History from OANDA v20: the fault-tolerant client for the call, {@link OandaCandles} for the validation. */
@ApplicationScoped
@Typed(OandaCandleSource.class) // injected as CandleSource only through CandleSources
public class OandaCandleSource implements CandleSource {

    private final OandaClient client;

    public OandaCandleSource(OandaClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "oanda";
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Uni<CandlePage> page(Pair pair, Granularity granularity, Instant from, boolean includeFirst, int count) {
        return client.candles(pair, granularity, from, Math.min(count, OandaClient.MAX_COUNT), includeFirst)
                .map(body -> OandaCandles.parse(pair, granularity, body, now()));
    }
}
