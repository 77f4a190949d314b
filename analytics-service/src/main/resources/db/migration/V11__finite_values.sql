-- A double column accepts 'Infinity' and 'NaN', which no price or metric can be (a price of 1e400 arrived as
-- Infinity before the candle rule existed). PostgreSQL sorts NaN above Infinity, so "< 'Infinity'" refuses both.
-- Rows that already hold one are garbage from such a message: dropped here, a replay brings the true candle back.
-- (V11: numbered after the issue that asked for it, clear of the migrations other branches add.)
DELETE FROM analytics.candles
WHERE NOT (open < 'Infinity' AND high < 'Infinity' AND low < 'Infinity' AND close < 'Infinity');
DELETE FROM analytics.volatility_metrics
WHERE NOT (close < 'Infinity'
        AND coalesce(abs(hv_20), 0) < 'Infinity' AND coalesce(abs(hv_50), 0) < 'Infinity'
        AND coalesce(abs(sma_15), 0) < 'Infinity' AND coalesce(abs(sma_30), 0) < 'Infinity'
        AND coalesce(abs(sma_50), 0) < 'Infinity' AND coalesce(abs(bb_upper), 0) < 'Infinity'
        AND coalesce(abs(bb_middle), 0) < 'Infinity' AND coalesce(abs(bb_lower), 0) < 'Infinity'
        AND coalesce(abs(atr_14), 0) < 'Infinity');

ALTER TABLE analytics.candles
    ADD CONSTRAINT candles_finite_prices CHECK (open > 0 AND open < 'Infinity' AND high > 0 AND high < 'Infinity'
        AND low > 0 AND low < 'Infinity' AND close > 0 AND close < 'Infinity');

-- NULL (a window not yet full) passes: coalesce turns it into 0 for the check only.
ALTER TABLE analytics.volatility_metrics
    ADD CONSTRAINT volatility_metrics_finite CHECK (close > 0 AND close < 'Infinity'
        AND coalesce(abs(hv_20), 0) < 'Infinity' AND coalesce(abs(hv_50), 0) < 'Infinity'
        AND coalesce(abs(sma_15), 0) < 'Infinity' AND coalesce(abs(sma_30), 0) < 'Infinity'
        AND coalesce(abs(sma_50), 0) < 'Infinity' AND coalesce(abs(bb_upper), 0) < 'Infinity'
        AND coalesce(abs(bb_middle), 0) < 'Infinity' AND coalesce(abs(bb_lower), 0) < 'Infinity'
        AND coalesce(abs(atr_14), 0) < 'Infinity');
