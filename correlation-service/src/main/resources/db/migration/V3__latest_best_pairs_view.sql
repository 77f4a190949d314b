-- The seed's view: the ranking of the newest as-of time (what correlation:best_pairs caches),
-- for ad-hoc SQL and dashboards: SELECT rank, pair_a, pair_b, correlation FROM correlation.latest_best_pairs;
CREATE VIEW correlation.latest_best_pairs AS
SELECT as_of, rank, pair_a, pair_b, correlation, category, observations, reason
FROM correlation.best_pairs
WHERE as_of = (SELECT max(as_of) FROM correlation.best_pairs)
ORDER BY rank;
