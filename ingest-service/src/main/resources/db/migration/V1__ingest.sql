-- ingest owns this schema; no other service reads or writes it.
-- Prices are numeric: OANDA quotes exact decimal strings, and we keep them to the last digit.

CREATE TABLE ingest.candles (
    pair        text        NOT NULL,
    granularity text        NOT NULL,
    time        timestamptz NOT NULL,
    open        numeric     NOT NULL,
    high        numeric     NOT NULL,
    low         numeric     NOT NULL,
    close       numeric     NOT NULL,
    volume      bigint      NOT NULL,
    complete    boolean     NOT NULL DEFAULT true,
    source      text        NOT NULL,
    -- sequence number of the data_ready message that last wrote this row: replay by since_seq is exact
    seq         bigint      NOT NULL,
    ingested_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pair, granularity, time),
    CONSTRAINT candles_prices_positive CHECK (open > 0 AND high > 0 AND low > 0 AND close > 0),
    CONSTRAINT candles_high_low CHECK (high >= GREATEST(open, close) AND low <= LEAST(open, close)),
    CONSTRAINT candles_volume CHECK (volume >= 0)
);
CREATE INDEX candles_by_seq ON ingest.candles (pair, granularity, seq);
CREATE INDEX candles_by_time ON ingest.candles (time);

-- the last data_ready sequence number issued per series
CREATE TABLE ingest.series_sequences (
    pair        text   NOT NULL,
    granularity text   NOT NULL,
    last_seq    bigint NOT NULL,
    PRIMARY KEY (pair, granularity)
);

CREATE TABLE ingest.price_ticks (
    pair        text        NOT NULL,
    time        timestamptz NOT NULL,
    bid         numeric     NOT NULL CHECK (bid > 0),
    ask         numeric     NOT NULL CHECK (ask > 0),
    mid         numeric     NOT NULL CHECK (mid > 0),
    tradeable   boolean     NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pair, time)
);
CREATE INDEX price_ticks_by_received ON ingest.price_ticks (received_at);

CREATE TABLE ingest.market_sessions (
    name      text PRIMARY KEY,
    time_zone text NOT NULL,
    opens     time NOT NULL,
    closes    time NOT NULL
);
INSERT INTO ingest.market_sessions (name, time_zone, opens, closes) VALUES
    ('Sydney',   'Australia/Sydney', '07:00', '16:00'),
    ('Tokyo',    'Asia/Tokyo',       '09:00', '18:00'),
    ('London',   'Europe/London',    '08:00', '17:00'),
    ('New York', 'America/New_York', '08:00', '17:00');

-- job_runs come from the service kit (fx-messaging, db/kit).
