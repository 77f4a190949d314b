#!/bin/sh
# Runs once when the PostgreSQL volume is new: one role per service, each owning only its schema
# (the same statements as deploy/sql/roles.sql, with the passwords from the compose environment).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v ingest_password="$INGEST_DB_PASSWORD" \
    -v analytics_password="$ANALYTICS_DB_PASSWORD" \
    -v correlation_password="$CORRELATION_DB_PASSWORD" \
    -f /sql/roles.sql
