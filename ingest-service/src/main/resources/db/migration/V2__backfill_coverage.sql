-- How far back each series has been backfilled completely: the start of the longest window a backfill brought
-- every candle of. A later backfill of a window that starts no earlier resumes at the newest stored candle; one
-- that reaches further back fetches from its own start (ingest's hourly job or a shorter backfill came first).
CREATE TABLE ingest.backfill_coverage (
    pair         text        NOT NULL,
    granularity  text        NOT NULL,
    covered_from timestamptz NOT NULL,
    PRIMARY KEY (pair, granularity)
);
