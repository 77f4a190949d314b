package io.fxpipeline.ingest.feed;

import io.fxpipeline.ingest.config.IngestConfig;
import io.fxpipeline.ingest.feed.oanda.OandaCandleSource;
import io.fxpipeline.ingest.feed.recorded.RecordedCandleSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Picks the configured feed ({@code FX_FEED}) as the one {@link CandleSource} of the jobs and the backfill. */
public class CandleSources {

    @Produces
    @ApplicationScoped
    CandleSource configured(IngestConfig config, OandaCandleSource oanda, RecordedCandleSource replay) {
        return switch (config.feed()) {
            case oanda -> oanda;
            case replay -> replay;
        };
    }
}
