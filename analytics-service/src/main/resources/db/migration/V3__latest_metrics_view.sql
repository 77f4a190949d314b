-- The seed's view: the newest metrics row of every pair and granularity (what the metrics:{PAIR} cache holds),
-- for ad-hoc SQL and dashboards: SELECT pair, time, hv_20, atr_14 FROM analytics.latest_metrics;
CREATE VIEW analytics.latest_metrics AS
SELECT DISTINCT ON (pair, granularity)
       pair, granularity, time, close, hv_20, hv_50, sma_15, sma_30, sma_50, bb_upper, bb_middle, bb_lower, atr_14,
       computed_at
FROM analytics.volatility_metrics
ORDER BY pair, granularity, time DESC;
