-- When each alert went out on volatility_alerts and the alerts stream. NULL: stored in the transaction that decided
-- it but not yet announced (Redis was down, slow or refusing); the service sends it later, oldest first
-- (AlertAnnouncer). Alerts stored before this column existed were announced then.
ALTER TABLE analytics.volatility_alerts ADD COLUMN announced_at timestamptz;
UPDATE analytics.volatility_alerts SET announced_at = ts;
CREATE INDEX volatility_alerts_unannounced ON analytics.volatility_alerts (id) WHERE announced_at IS NULL;
