#!/bin/sh
# One role per service, each owning only its schema: the statements of deploy/sql/roles.sql.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE fx_ingest      LOGIN PASSWORD '$INGEST_DB_PASSWORD';
CREATE ROLE fx_analytics   LOGIN PASSWORD '$ANALYTICS_DB_PASSWORD';
CREATE ROLE fx_correlation LOGIN PASSWORD '$CORRELATION_DB_PASSWORD';
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE fx FROM PUBLIC;
GRANT CONNECT ON DATABASE fx TO fx_ingest, fx_analytics, fx_correlation;
CREATE SCHEMA IF NOT EXISTS ingest      AUTHORIZATION fx_ingest;
CREATE SCHEMA IF NOT EXISTS analytics   AUTHORIZATION fx_analytics;
CREATE SCHEMA IF NOT EXISTS correlation AUTHORIZATION fx_correlation;
REVOKE ALL ON SCHEMA ingest      FROM PUBLIC;
REVOKE ALL ON SCHEMA analytics   FROM PUBLIC;
REVOKE ALL ON SCHEMA correlation FROM PUBLIC;
SQL
