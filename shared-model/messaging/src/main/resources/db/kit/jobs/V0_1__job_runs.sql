-- Every service's job_runs, created in the schema that service migrates (Flyway's default schema: the first of
-- quarkus.flyway.schemas, i.e. fx.service). Written by JobRuns; one row a run, RUNNING until it finishes.
CREATE TABLE ${flyway:defaultSchema}.job_runs (
    id       bigserial   PRIMARY KEY,
    job      text        NOT NULL,
    started  timestamptz NOT NULL,
    finished timestamptz,
    status   text        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED', 'SKIPPED')),
    records  integer     NOT NULL DEFAULT 0,
    error    text
);
CREATE INDEX job_runs_by_started ON ${flyway:defaultSchema}.job_runs (job, started DESC);
