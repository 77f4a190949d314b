-- When each alert went out on correlation_alerts and the alerts stream. NULL: stored by its run but not yet
-- announced (Redis was down, slow or refusing); the service sends it later, oldest first (AlertAnnouncer).
-- Alerts stored before this column existed were announced by their run.
ALTER TABLE correlation.correlation_alerts ADD COLUMN announced_at timestamptz;
UPDATE correlation.correlation_alerts SET announced_at = ts;
CREATE INDEX correlation_alerts_unannounced ON correlation.correlation_alerts (id) WHERE announced_at IS NULL;
