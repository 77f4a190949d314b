#!/bin/sh
# Runs once when the PostgreSQL volume is new (compose and the dev cluster mount it as
# /docker-entrypoint-initdb.d/10-roles.sh, and this folder as /sql): roles.sql as it is, with the passwords from
# the environment as psql variables, so psql quotes them whatever they contain.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v ingest_password="$INGEST_DB_PASSWORD" \
    -v analytics_password="$ANALYTICS_DB_PASSWORD" \
    -v correlation_password="$CORRELATION_DB_PASSWORD" \
    -f /sql/roles.sql
