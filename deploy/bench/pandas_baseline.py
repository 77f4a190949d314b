#!/usr/bin/python3
"""The script the suite replaces, as the baseline of SuiteThroughputBenchmark (deploy module, bench profile).

The seed's stack: pandas + psycopg2 (Debian: apt-get install -y python3-pandas python3-psycopg2). It does the
suite's work on the same replay files, in one process: store the candles, compute the metrics of
docs/indicators.md (SMA 15/30/50, Bollinger 20/2 with population sigma, Wilder's ATR 14 seeded with the mean of
TR(1..14), HV 20/50: sample sigma of log returns, annualised), store them, store the closes correlation keeps and
compute the correlation matrix of the last 100 log returns. Tables live in a schema of its own.

  /usr/bin/python3 pandas_baseline.py --dsn "host=127.0.0.1 dbname=x user=postgres" --dir REPLAY_DIR [--granularity H1] [--before ISO]

Prints one line: BASELINE <candles> <seconds of work> (reading the CSV files is not counted).
"""
import argparse
import glob
import math
import os
import time

import numpy as np
import pandas as pd
import psycopg2
from psycopg2.extras import execute_values

SCHEMA = """
DROP SCHEMA IF EXISTS baseline CASCADE;
CREATE SCHEMA baseline;
CREATE TABLE baseline.candles (pair text NOT NULL, granularity text NOT NULL, time timestamptz NOT NULL,
    open numeric NOT NULL, high numeric NOT NULL, low numeric NOT NULL, close numeric NOT NULL, volume bigint NOT NULL,
    ingested_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (pair, granularity, time));
CREATE TABLE baseline.volatility_metrics (pair text NOT NULL, granularity text NOT NULL, time timestamptz NOT NULL,
    close double precision NOT NULL, hv_20 double precision, hv_50 double precision, sma_15 double precision,
    sma_30 double precision, sma_50 double precision, bb_upper double precision, bb_middle double precision,
    bb_lower double precision, atr_14 double precision, computed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pair, granularity, time));
CREATE TABLE baseline.closes (pair text NOT NULL, granularity text NOT NULL, time timestamptz NOT NULL,
    close double precision NOT NULL, PRIMARY KEY (pair, granularity, time));
CREATE TABLE baseline.correlation_matrix (pair_a text NOT NULL, pair_b text NOT NULL, r double precision,
    PRIMARY KEY (pair_a, pair_b));
"""

BARS_PER_HOUR = {"M1": 60, "M5": 12, "M15": 4, "M30": 2, "H1": 1, "H4": 0.25, "D": 1 / 24}


def metrics(df, periods_per_year):
    close, high, low = df["close"], df["high"], df["low"]
    out = pd.DataFrame({"time": df["time"], "close": close})
    log_return = np.log(close / close.shift(1))
    annualise = math.sqrt(periods_per_year)
    out["hv_20"] = log_return.rolling(20).std(ddof=1) * annualise
    out["hv_50"] = log_return.rolling(50).std(ddof=1) * annualise
    out["sma_15"] = close.rolling(15).mean()
    out["sma_30"] = close.rolling(30).mean()
    out["sma_50"] = close.rolling(50).mean()
    middle = close.rolling(20).mean()
    sigma = close.rolling(20).std(ddof=0)
    out["bb_upper"], out["bb_middle"], out["bb_lower"] = middle + 2 * sigma, middle, middle - 2 * sigma
    prev = close.shift(1)
    tr = pd.concat([high - low, (high - prev).abs(), (low - prev).abs()], axis=1).max(axis=1)
    atr = pd.Series(np.nan, index=df.index)
    if len(df) > 14:
        # Wilder: the mean of TR(1..14) at t = 14, then (13 ATR + TR) / 14, which is an EWM with alpha 1/14
        seeded = tr.iloc[14:].copy()
        seeded.iloc[0] = tr.iloc[1:15].mean()
        atr.iloc[14:] = seeded.ewm(alpha=1 / 14, adjust=False).mean().to_numpy()
    out["atr_14"] = atr
    return out


def rows(frame, columns):
    # NaN (window not full) is stored as NULL
    values = frame[columns].astype(object).where(frame[columns].notna(), None)
    return list(values.itertuples(index=False, name=None))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--granularity", default="H1")
    parser.add_argument("--before", help="only bars opening before this ISO time (the suite's bulk load)")
    args = parser.parse_args()
    g = args.granularity
    periods_per_year = 6240 * BARS_PER_HOUR[g]

    frames = {}
    for path in sorted(glob.glob(os.path.join(args.dir, "*.csv"))):
        # prices as text, as they are in the file: stored as numeric, exactly
        frames[os.path.basename(path)[:-4]] = pd.read_csv(path, dtype={"open": str, "high": str, "low": str,
                                                                        "close": str, "volume": "int64"})
    if args.before:
        # the files' times are ISO-8601 UTC of one format: text order is time order
        frames = {p: f[f["time"] < args.before.replace(".000", "")].reset_index(drop=True) for p, f in frames.items()}
    total = sum(len(f) for f in frames.values())

    started = time.perf_counter()
    conn = psycopg2.connect(args.dsn)
    with conn, conn.cursor() as cur:
        cur.execute(SCHEMA)
    returns = {}
    for pair, raw in frames.items():
        with conn, conn.cursor() as cur:
            raw = raw.assign(pair=pair, granularity=g)
            execute_values(cur, "INSERT INTO baseline.candles (pair, granularity, time, open, high, low, close, volume) "
                                "VALUES %s ON CONFLICT DO NOTHING",
                           rows(raw, ["pair", "granularity", "time", "open", "high", "low", "close", "volume"]),
                           page_size=1000)
            df = pd.DataFrame({"time": raw["time"], "open": raw["open"].astype(float),
                               "high": raw["high"].astype(float), "low": raw["low"].astype(float),
                               "close": raw["close"].astype(float)})
            m = metrics(df, periods_per_year).assign(pair=pair, granularity=g)
            execute_values(cur, "INSERT INTO baseline.volatility_metrics (pair, granularity, time, close, hv_20, hv_50, "
                                "sma_15, sma_30, sma_50, bb_upper, bb_middle, bb_lower, atr_14) VALUES %s "
                                "ON CONFLICT DO NOTHING",
                           rows(m, ["pair", "granularity", "time", "close", "hv_20", "hv_50", "sma_15", "sma_30",
                                    "sma_50", "bb_upper", "bb_middle", "bb_lower", "atr_14"]), page_size=1000)
            execute_values(cur, "INSERT INTO baseline.closes (pair, granularity, time, close) VALUES %s "
                                "ON CONFLICT DO NOTHING",
                           rows(m, ["pair", "granularity", "time", "close"]), page_size=1000)
            returns[pair] = pd.Series(np.log(df["close"] / df["close"].shift(1)).to_numpy(), index=df["time"])
    # correlation: Pearson r of the last 100 candles' log returns of every two pairs
    last = pd.DataFrame(returns).tail(99)
    matrix = last.corr()
    pairs = list(matrix.columns)
    with conn, conn.cursor() as cur:
        execute_values(cur, "INSERT INTO baseline.correlation_matrix (pair_a, pair_b, r) VALUES %s",
                       [(a, b, float(matrix.loc[a, b])) for i, a in enumerate(pairs) for b in pairs[:i]])
    conn.close()
    print("BASELINE %d %.3f" % (total, time.perf_counter() - started))


if __name__ == "__main__":
    main()
