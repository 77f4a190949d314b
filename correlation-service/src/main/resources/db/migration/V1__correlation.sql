-- correlation owns this schema; it keeps its own copy of the closes it received from data_ready.

CREATE TABLE correlation.closes (
    pair        text             NOT NULL,
    granularity text             NOT NULL,
    time        timestamptz      NOT NULL,
    close       double precision NOT NULL CHECK (close > 0),
    received_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (pair, granularity, time)
);

CREATE TABLE correlation.correlation_matrix (
    as_of        timestamptz      NOT NULL,
    "window"     integer          NOT NULL,
    pair_a       text             NOT NULL,
    pair_b       text             NOT NULL,
    correlation  double precision CHECK (correlation BETWEEN -1 AND 1),
    observations integer          NOT NULL,
    PRIMARY KEY (as_of, pair_a, pair_b),
    CHECK (pair_a < pair_b)
);
CREATE INDEX correlation_matrix_by_pair ON correlation.correlation_matrix (pair_a, pair_b, as_of);

CREATE TABLE correlation.best_pairs (
    as_of        timestamptz      NOT NULL,
    rank         integer          NOT NULL CHECK (rank > 0),
    pair_a       text             NOT NULL,
    pair_b       text             NOT NULL,
    correlation  double precision NOT NULL CHECK (correlation BETWEEN -1 AND 1),
    category     text             NOT NULL,
    observations integer          NOT NULL,
    reason       text             NOT NULL,
    PRIMARY KEY (as_of, rank)
);


-- last alerting state per unordered pair: alerts fire on entering |r| >= threshold or on a sign flip
CREATE TABLE correlation.alert_states (
    pair_a      text             NOT NULL,
    pair_b      text             NOT NULL,
    correlation double precision NOT NULL,
    alerting    boolean          NOT NULL,
    as_of       timestamptz      NOT NULL,
    PRIMARY KEY (pair_a, pair_b)
);

-- job_runs and consumer_positions come from the service kit (fx-messaging, db/kit).
