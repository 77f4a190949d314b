#!/bin/sh
# One role per service, each owning only its schema. Between the SQL markers: the statements of
# deploy/sql/roles.sql verbatim (kustomize cannot read files outside this folder; RolesScriptTest keeps the two
# equal). The passwords are psql variables, so psql quotes them, whatever they contain.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v ingest_password="$INGEST_DB_PASSWORD" \
    -v analytics_password="$ANALYTICS_DB_PASSWORD" \
    -v correlation_password="$CORRELATION_DB_PASSWORD" <<'SQL'
CREATE ROLE fx_ingest      LOGIN PASSWORD :'ingest_password';
CREATE ROLE fx_analytics   LOGIN PASSWORD :'analytics_password';
CREATE ROLE fx_correlation LOGIN PASSWORD :'correlation_password';
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"DBNAME" TO fx_ingest, fx_analytics, fx_correlation;
CREATE SCHEMA IF NOT EXISTS ingest      AUTHORIZATION fx_ingest;
CREATE SCHEMA IF NOT EXISTS analytics   AUTHORIZATION fx_analytics;
CREATE SCHEMA IF NOT EXISTS correlation AUTHORIZATION fx_correlation;
REVOKE ALL ON SCHEMA ingest      FROM PUBLIC;
REVOKE ALL ON SCHEMA analytics   FROM PUBLIC;
REVOKE ALL ON SCHEMA correlation FROM PUBLIC;
SQL
