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
 * {@code data_ready} type {@code metrics}: metric rows analytics has just stored for one pair. A store of up to
 * {@link #MAX_ROWS_CARRIED} rows (the live hour, a page, a replayed hole) carries every row; a bulk store is announced
 * once, by its newest row, with {@code count} the rows stored and {@code from} the time of the first: the rows
 * themselves are in analytics' table and API. Every process on {@code data_ready} receives each message, and a bulk
 * load's full rows were three times the candles' bytes, decoded only to be dropped.
 */
@RegisterForReflection
public record MetricsReady(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("pair") Pair pair,
        @JsonProperty("granularity") Granularity granularity,
        @JsonProperty("metrics") List<VolatilityMetrics> metrics,
        @JsonProperty("count") Integer count,
        @JsonProperty("from") @JsonInclude(JsonInclude.Include.NON_NULL) Instant from) implements Message {

    public static final String TYPE = "metrics";
    /** Most rows a store's announcement carries in full; the bulk threshold of candle messages. */
    public static final int MAX_ROWS_CARRIED = 2_000;

    public MetricsReady {
        Checks.required(ts, "ts");
        Checks.required(pair, "pair");
        Checks.required(granularity, "granularity");
        metrics = Checks.nonEmpty(metrics, "metrics");
        if (from == null) {
            Checks.countMatches(count, metrics.size());
        } else {
            Checks.required(count, "count");
            if (metrics.size() != 1 || count <= 1) {
                throw new MalformedMessageException("from", "belongs to a bulk announcement: one row and a count above 1");
            }
            if (from.isAfter(metrics.get(0).time())) {
                throw new MalformedMessageException("from", "is after the newest row's time");
            }
        }
    }

    /** Every row of a store. */
    public static MetricsReady of(Instant ts, Pair pair, Granularity granularity, List<VolatilityMetrics> metrics) {
        return new MetricsReady(ts, pair, granularity, metrics, metrics.size(), null);
    }

    /** A bulk store of {@code count} rows from {@code from}, by its newest row. */
    public static MetricsReady bulk(Instant ts, Pair pair, Granularity granularity, Instant from, VolatilityMetrics newest,
            int count) {
        return new MetricsReady(ts, pair, granularity, List.of(newest), count, from);
    }

    /** Whether rows were left out: a bulk announcement, read the range from the API. */
    @JsonIgnore
    public boolean isBulk() {
        return from != null;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
