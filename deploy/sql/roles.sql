-- One role per service; each can use and change only its own schema. Run once as a superuser (or, on a
-- managed PostgreSQL, its admin role with CREATEROLE that may act as the new roles) in the database the
-- services share, with the passwords set from the environment:
--   psql -d fx -v ingest_password="$INGEST_DB_PASSWORD" -v analytics_password=... -v correlation_password=... -f roles.sql
-- :"DBNAME" is psql's own variable: the database it is connected to (DB_NAME of the services).
-- Each service's Flyway creates its tables inside the schema it owns.

CREATE ROLE fx_ingest      LOGIN PASSWORD :'ingest_password';
CREATE ROLE fx_analytics   LOGIN PASSWORD :'analytics_password';
CREATE ROLE fx_correlation LOGIN PASSWORD :'correlation_password';

REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"DBNAME" TO fx_ingest, fx_analytics, fx_correlation;

CREATE SCHEMA IF NOT EXISTS ingest      AUTHORIZATION fx_ingest;
CREATE SCHEMA IF NOT EXISTS analytics   AUTHORIZATION fx_analytics;
CREATE SCHEMA IF NOT EXISTS correlation AUTHORIZATION fx_correlation;

-- Nobody else may look inside another service's schema.
REVOKE ALL ON SCHEMA ingest      FROM PUBLIC;
REVOKE ALL ON SCHEMA analytics   FROM PUBLIC;
REVOKE ALL ON SCHEMA correlation FROM PUBLIC;
