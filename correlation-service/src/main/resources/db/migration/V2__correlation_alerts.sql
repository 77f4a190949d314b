-- Every correlation alert correlation published, stored in the run's transaction (before the publish), so a
-- client that was away reads what it missed with GET /alerts.
CREATE TABLE correlation.correlation_alerts (
    id          bigserial        PRIMARY KEY,
    ts          timestamptz      NOT NULL,
    pair_a      text             NOT NULL,
    pair_b      text             NOT NULL,
    correlation double precision NOT NULL CHECK (correlation BETWEEN -1 AND 1),
    threshold   double precision NOT NULL,
    severity    text             NOT NULL CHECK (severity IN ('WARNING', 'CRITICAL')),
    as_of       timestamptz      NOT NULL
);
CREATE INDEX correlation_alerts_by_ts ON correlation.correlation_alerts (ts);
