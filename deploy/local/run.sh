#!/usr/bin/env bash
# Runs the whole FX pipeline locally: ingest, analytics and correlation as three processes on the
# replay feed (the shipped SYNTHETIC dataset) or on OANDA, against local PostgreSQL and Redis, and the
# dashboard (stream and browser page, http://127.0.0.1:8084/) beside them.
#
#   deploy/local/run.sh [--speed N] [--backfill-days N] [--rebuild]
#
#   --speed N          market seconds played per wall second (default 3600: one market hour a second)
#   --backfill-days N  days loaded by the backfill before playing starts (default 14)
#   --rebuild          rebuild the jars even if they exist
#
# Environment: the services' own variables (DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, REDIS_HOST,
# REDIS_PORT, FX_PREFIX, ...). FX_FEED=oanda with OANDA_API_KEY (and OANDA_ACCOUNT_ID for prices) runs on OANDA.
# Watch:  http://127.0.0.1:8084/ (dashboard), or redis-cli subscribe volatility_alerts correlation_alerts data_ready
# Ctrl+C stops all four services.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SPEED=3600
BACKFILL_DAYS=14
REBUILD=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --speed) SPEED=$2; shift 2 ;;
        --backfill-days) BACKFILL_DAYS=$2; shift 2 ;;
        --rebuild) REBUILD=true; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
done
[[ $SPEED =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "--speed must be a positive number, was '$SPEED'" >&2; exit 2; }
[[ $BACKFILL_DAYS =~ ^[0-9]+$ ]] && (( BACKFILL_DAYS >= 1 )) || { echo "--backfill-days must be a whole number >= 1, was '$BACKFILL_DAYS'" >&2; exit 2; }

export DB_HOST=${DB_HOST:-127.0.0.1} DB_PORT=${DB_PORT:-5432} DB_NAME=${DB_NAME:-fx} DB_USER=${DB_USER:-postgres}
export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379}
export FX_FEED=${FX_FEED:-replay}
RUN_DIR=${FX_RUN_DIR:-$ROOT/target/local-run}
mkdir -p "$RUN_DIR"

step() { printf '\n==> %s\n' "$*"; }

# --- 1. Build ------------------------------------------------------------------------------
jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
if $REBUILD || [[ ! -f $(jar ingest-service) || ! -f $(jar analytics-service) || ! -f $(jar correlation-service) \
        || ! -f $(jar dashboard-service) ]]; then
    step "building the services (mvn package, no tests)"
    (cd "$ROOT" && mvn -B -q package -DskipTests)
fi

# --- 2. PostgreSQL and Redis ---------------------------------------------------------------
step "checking PostgreSQL at $DB_HOST:$DB_PORT and Redis at $REDIS_HOST:$REDIS_PORT"
if ! (exec 3<>"/dev/tcp/$DB_HOST/$DB_PORT") 2>/dev/null; then
    cat >&2 <<MSG
PostgreSQL is not reachable at $DB_HOST:$DB_PORT. Start it, e.g.
  Debian/Ubuntu: sudo pg_ctlcluster \$(ls /etc/postgresql) main start
  Docker:        docker run -d --name fx-pg -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16
MSG
    exit 1
fi
if ! (exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT") 2>/dev/null; then
    cat >&2 <<MSG
Redis is not reachable at $REDIS_HOST:$REDIS_PORT. Start it, e.g.
  redis-server --daemonize yes --port $REDIS_PORT
  Docker: docker run -d --name fx-redis -p 6379:6379 redis:7
MSG
    exit 1
fi
if command -v psql >/dev/null; then
    export PGPASSWORD=${DB_PASSWORD:-}
    if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
        echo "creating database $DB_NAME"
        psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "CREATE DATABASE \"$DB_NAME\""
    fi
fi

# --- 3. Feed -------------------------------------------------------------------------------
if [[ $FX_FEED == replay ]]; then
    export FX_REPLAY_DIR=${FX_REPLAY_DIR:-$ROOT/ingest-service/src/main/replay/synthetic-h1}
    FIRST=$(sed -n 2p "$FX_REPLAY_DIR/EUR_USD.csv" | cut -d, -f1)
    # The replay clock starts after the backfilled weeks and plays on from there.
    export FX_REPLAY_START=${FX_REPLAY_START:-$(date -u -d "$FIRST + $BACKFILL_DAYS days" +%Y-%m-%dT%H:%M:%SZ)}
    export FX_REPLAY_SPEED=$SPEED
    echo "replay: $FX_REPLAY_DIR from $FIRST; playing from $FX_REPLAY_START at $SPEED market seconds per second"
else
    [[ -n ${OANDA_API_KEY:-} ]] || { echo "FX_FEED=oanda needs OANDA_API_KEY (a practice token works)" >&2; exit 1; }
    echo "feed: OANDA ${OANDA_ENVIRONMENT:-practice}"
fi

# --- 4. Start, backfill, play --------------------------------------------------------------
PIDS=()
stop() { # exit status
    trap - INT TERM EXIT
    # Ctrl+C also ends a reader such as `run.sh | tee log`: stop the services before saying anything, and
    # never die of a closed pipe on the way.
    trap '' PIPE
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    { step "stopped"; echo "logs are in $RUN_DIR"; } 2>/dev/null || true
    exit "$1"
}
trap 'stop 130' INT
trap 'stop 143' TERM
trap 'stop $?' EXIT

start() { # name port
    java ${JAVA_OPTS:-} -jar "$(jar "$1")" >"$RUN_DIR/$1.log" 2>&1 &
    PIDS+=($!)
    local pid=$! deadline=$((SECONDS + 60))
    until curl -fs "http://127.0.0.1:$2/q/health/ready" >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null || (( SECONDS > deadline )); then
            echo "$1 did not become ready; the end of $RUN_DIR/$1.log:" >&2
            tail -20 "$RUN_DIR/$1.log" >&2
            exit 1
        fi
        sleep 0.5
    done
    echo "$1 ready on http://127.0.0.1:$2 (log: $RUN_DIR/$1.log)"
}

step "starting analytics and correlation (they subscribe before any candle is published), and the dashboard"
start analytics-service 8082
start correlation-service 8083
start dashboard-service 8084

step "backfilling $BACKFILL_DAYS days of every pair"
java ${JAVA_OPTS:-} -jar "$(jar ingest-service)" backfill --days "$BACKFILL_DAYS"

step "first correlation run on the backfilled weeks"
curl -fs -X POST http://127.0.0.1:8083/correlation/run && echo
curl -fs "http://127.0.0.1:8083/correlation/best-pairs?limit=5" && echo

step "starting ingest: the feed plays on"
start ingest-service 8081

cat <<MSG

The suite is running. In another terminal:
  redis-cli -h $REDIS_HOST -p $REDIS_PORT subscribe ${FX_PREFIX:-}volatility_alerts ${FX_PREFIX:-}correlation_alerts ${FX_PREFIX:-}data_ready
  curl http://127.0.0.1:8082/metrics/EUR_USD/latest
  curl -X POST http://127.0.0.1:8083/correlation/run; curl http://127.0.0.1:8083/correlation/best-pairs
APIs: http://127.0.0.1:8081/q/swagger-ui  :8082/q/swagger-ui  :8083/q/swagger-ui

Dashboard: http://127.0.0.1:8084/${DASHBOARD_TOKEN:+?token=<DASHBOARD_TOKEN>}
Stream:    ws://127.0.0.1:8084/stream  (e.g. websocat, then {"op":"subscribe","channels":["volatility_alerts"]})
Press Ctrl+C to stop.
MSG
wait -n "${PIDS[@]}" || true
echo "a service stopped on its own; see the logs in $RUN_DIR" >&2
exit 1
