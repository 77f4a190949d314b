-- Every volatility alert analytics published, stored in the transaction that decided it (before the publish),
-- so a client that was away reads what it missed with GET /alerts.
CREATE TABLE analytics.volatility_alerts (
    id          bigserial        PRIMARY KEY,
    ts          timestamptz      NOT NULL,
    pair        text             NOT NULL,
    granularity text             NOT NULL,
    volatility  double precision NOT NULL,
    threshold   double precision NOT NULL,
    severity    text             NOT NULL CHECK (severity IN ('WARNING', 'CRITICAL')),
    time        timestamptz      NOT NULL
);
CREATE INDEX volatility_alerts_by_ts ON analytics.volatility_alerts (ts);
CREATE INDEX volatility_alerts_by_pair ON analytics.volatility_alerts (pair, ts);
