-- Every read of analytics' bars is by series (pair, granularity, time ranges): the primary key serves them all. The
-- index on time alone served only the daily retention, which now reads the table once a day instead. It cost every
-- stored bar a second index entry, and it offered the planner a second way to a series' newest bar: backward along
-- every pair's times, filtering by pair. With statistics of one pair that way looked as cheap as the primary key, yet
-- for a pair whose bars stopped long ago it reads every newer bar of the others.
DROP INDEX analytics.volatility_metrics_by_time;
