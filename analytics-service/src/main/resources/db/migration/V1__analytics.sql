-- analytics owns this schema; it never reads ingest's tables. It keeps its own copy of the candles it
-- received (the inputs of its metrics) so that a recompute needs nothing from other services.

CREATE TABLE analytics.candles (
    pair        text             NOT NULL,
    granularity text             NOT NULL,
    time        timestamptz      NOT NULL,
    open        double precision NOT NULL,
    high        double precision NOT NULL,
    low         double precision NOT NULL,
    close       double precision NOT NULL,
    received_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (pair, granularity, time)
);

-- Metrics are doubles: they are derived statistics, computed in double precision (docs/indicators.md).
CREATE TABLE analytics.volatility_metrics (
    pair        text             NOT NULL,
    granularity text             NOT NULL,
    time        timestamptz      NOT NULL,
    close       double precision NOT NULL,
    hv_20       double precision,
    hv_50       double precision,
    sma_15      double precision,
    sma_30      double precision,
    sma_50      double precision,
    bb_upper    double precision,
    bb_middle   double precision,
    bb_lower    double precision,
    atr_14      double precision,
    computed_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (pair, granularity, time)
);
CREATE INDEX volatility_metrics_by_time ON analytics.volatility_metrics (time);


-- current alert state per pair, so a restart does not re-announce a severity it already published
CREATE TABLE analytics.alert_states (
    pair     text        NOT NULL PRIMARY KEY,
    severity text        CHECK (severity IN ('WARNING', 'CRITICAL')),
    since    timestamptz NOT NULL
);

-- job_runs and consumer_positions come from the service kit (fx-messaging, db/kit).
