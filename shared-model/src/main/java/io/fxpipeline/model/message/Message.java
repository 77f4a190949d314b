package io.fxpipeline.model.message;

import java.time.Instant;

/**
 * One message of the pub/sub contract. The codec adds {@code "v":1} and {@code "type"}; every record
 * carries {@code ts}, the UTC instant it was published.
 */
public sealed interface Message
        permits CandlesReady, MetricsReady, CorrelationReady, PriceUpdate, VolatilityAlert, CorrelationAlert,
        ReplayRequest, SystemAlert {

    /** The only contract version so far; a breaking payload change bumps it. */
    int VERSION = 1;

    Instant ts();

    /** The {@code type} field on the wire. */
    String type();
}
