#!/usr/bin/env bash
# Runs the whole FX pipeline locally: ingest, analytics and correlation as three processes on the
# replay feed (the shipped SYNTHETIC dataset) or on OANDA, against PostgreSQL and Redis, and the
# dashboard (stream and browser page, http://127.0.0.1:8084/) beside them.
#
#   deploy/local/run.sh [--speed N] [--backfill-days N] [--rebuild]
#
#   --speed N          market seconds played per wall second (default 3600: one market hour a second)
#   --backfill-days N  days loaded by the backfill before playing starts (default 14)
#   --rebuild          rebuild the jars even if they exist
#
# JVM: JAVA_OPTS (default: the images' settings, heap sized for the work: under 200 MiB RSS a service).
# Environment: the services' own variables (DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, REDIS_HOST,
# REDIS_PORT, FX_PREFIX, ...). FX_FEED=oanda with OANDA_API_KEY (and OANDA_ACCOUNT_ID for prices) runs on OANDA.
# PostgreSQL and Redis: the servers at DB_HOST:DB_PORT and REDIS_HOST:REDIS_PORT (default 127.0.0.1:5432 and
# :6379). When nothing answers there and DB_HOST (REDIS_HOST) is not set, an embedded PostgreSQL (Redis) starts on
# a free port with its data in target/local-run/postgres (redis); rm -rf target/local-run wipes it.
# Watch:  http://127.0.0.1:8084/ (dashboard), or redis-cli subscribe volatility_alerts correlation_alerts data_ready
# Ctrl+C stops all four services (and the embedded servers).
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
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
done
[[ $SPEED =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "--speed must be a positive number, was '$SPEED'" >&2; exit 2; }
[[ $BACKFILL_DAYS =~ ^[0-9]+$ ]] && (( BACKFILL_DAYS >= 1 )) || { echo "--backfill-days must be a whole number >= 1, was '$BACKFILL_DAYS'" >&2; exit 2; }

# Set by the user: then that server is meant, and no embedded one replaces it.
DB_PINNED=${DB_HOST:+yes} REDIS_PINNED=${REDIS_HOST:+yes}
export DB_HOST=${DB_HOST:-127.0.0.1} DB_PORT=${DB_PORT:-5432} DB_NAME=${DB_NAME:-fx} DB_USER=${DB_USER:-postgres}
export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379}
# Local runs open the write endpoints (POST /correlation/run below) unless an admin token is given.
if [[ -z ${FX_ADMIN_TOKEN:-} ]]; then
    export FX_ADMIN_OPEN=${FX_ADMIN_OPEN:-true}
    echo "FX_ADMIN_OPEN=$FX_ADMIN_OPEN: write endpoints are open to anyone who reaches these ports (set FX_ADMIN_TOKEN to require it)"
fi
export FX_FEED=${FX_FEED:-replay}
# Candle signatures: a key pair made for this run unless one is given; the private key goes to ingest only (below).
if [[ -z ${FX_CANDLE_SIGNING_KEY:-} && -z ${FX_CANDLE_PUBLIC_KEY:-} ]] && command -v openssl >/dev/null; then
    KEYS=$("$ROOT/deploy/local/candle-keys.sh")
    FX_CANDLE_SIGNING_KEY=$(sed -n 's/^FX_CANDLE_SIGNING_KEY=//p' <<<"$KEYS")
    export FX_CANDLE_PUBLIC_KEY=$(sed -n 's/^FX_CANDLE_PUBLIC_KEY=//p' <<<"$KEYS")
    echo "candle signatures: a key pair made for this run (ingest signs, analytics and correlation check)"
else
    export FX_CANDLE_PUBLIC_KEY=${FX_CANDLE_PUBLIC_KEY:-}
fi
SIGNING_KEY=${FX_CANDLE_SIGNING_KEY:-}
unset FX_CANDLE_SIGNING_KEY
RUN_DIR=${FX_RUN_DIR:-$ROOT/target/local-run}
mkdir -p "$RUN_DIR"

step() { printf '\n==> %s\n' "$*"; }

# Services and embedded servers started so far; stopped on Ctrl+C, on TERM and on any exit.
EMBEDDED_PID=
PIDS=()
stop() { # exit status
    trap - INT TERM EXIT
    # Ctrl+C also ends a reader such as `run.sh | tee log`: stop the services before saying anything, and
    # never die of a closed pipe on the way.
    trap '' PIPE
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    # the embedded servers last: the services close their connections first
    if [[ -n $EMBEDDED_PID ]]; then kill "$EMBEDDED_PID" 2>/dev/null || true; fi
    wait 2>/dev/null || true
    { step "stopped"; echo "logs are in $RUN_DIR"; } 2>/dev/null || true
    exit "$1"
}
trap 'stop 130' INT
trap 'stop 143' TERM
trap 'stop $?' EXIT

# --- 1. Build ------------------------------------------------------------------------------
jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
EMBEDDED_CP="$ROOT/deploy/target/classes:$ROOT/deploy/target/embedded-servers/*"
if $REBUILD || [[ ! -f $(jar ingest-service) || ! -f $(jar analytics-service) || ! -f $(jar correlation-service) || ! -f $(jar dashboard-service) \
        || ! -f $ROOT/deploy/target/classes/io/fxpipeline/deploy/local/EmbeddedServers.class ]]; then
    step "building the services (mvn package, no tests)"
    (cd "$ROOT" && mvn -B -q package -DskipTests)
fi

# --- 2. PostgreSQL and Redis ---------------------------------------------------------------
step "checking PostgreSQL at $DB_HOST:$DB_PORT and Redis at $REDIS_HOST:$REDIS_PORT"
answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
EMBEDDED=()
if ! answers "$DB_HOST" "$DB_PORT"; then
    if [[ -n $DB_PINNED ]]; then
        cat >&2 <<MSG
PostgreSQL is not reachable at $DB_HOST:$DB_PORT (DB_HOST is set, so no embedded one is started). Start it, e.g.
  Debian/Ubuntu: sudo pg_ctlcluster \$(ls /etc/postgresql) main start
  Docker:        docker run -d --name fx-pg -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16
or unset DB_HOST to let this script start an embedded PostgreSQL.
MSG
        exit 1
    fi
    echo "nothing answers at $DB_HOST:$DB_PORT: starting an embedded PostgreSQL"
    EMBEDDED+=(--postgres)
fi
if ! answers "$REDIS_HOST" "$REDIS_PORT"; then
    if [[ -n $REDIS_PINNED ]]; then
        cat >&2 <<MSG
Redis is not reachable at $REDIS_HOST:$REDIS_PORT (REDIS_HOST is set, so no embedded one is started). Start it, e.g.
  redis-server --daemonize yes --port $REDIS_PORT
  Docker: docker run -d --name fx-redis -p 6379:6379 redis:7
or unset REDIS_HOST to let this script start an embedded Redis.
MSG
        exit 1
    fi
    echo "nothing answers at $REDIS_HOST:$REDIS_PORT: starting an embedded Redis"
    EMBEDDED+=(--redis)
fi
if (( ${#EMBEDDED[@]} )); then
    # Data stays in $RUN_DIR/postgres and $RUN_DIR/redis between runs; the launcher writes the addresses it chose.
    rm -f "$RUN_DIR/embedded.env"
    # (the embedded libraries log through SLF4J, with no provider here: they stay quiet, the launcher speaks)
    java -Dslf4j.internal.verbosity=ERROR -cp "$EMBEDDED_CP" io.fxpipeline.deploy.local.EmbeddedServers --dir "$RUN_DIR" --database "$DB_NAME" "${EMBEDDED[@]}" &
    EMBEDDED_PID=$!
    deadline=$((SECONDS + 180)) # the first run unpacks PostgreSQL and runs initdb
    until [[ -f $RUN_DIR/embedded.env ]]; do
        kill -0 "$EMBEDDED_PID" 2>/dev/null || { echo "the embedded servers did not start (see above)" >&2; exit 1; }
        (( SECONDS < deadline )) || { echo "the embedded servers did not start within 180 s" >&2; kill "$EMBEDDED_PID"; exit 1; }
        sleep 0.5
    done
    set -a; . "$RUN_DIR/embedded.env"; set +a
    echo "(to start afresh: stop this script, then rm -rf $RUN_DIR)"
elif command -v psql >/dev/null; then
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

# Each service's image settings (the JDK_JAVA_OPTIONS of its Dockerfile.jvm, one source): heaps sized for the work,
# not the machine. JAVA_OPTS, when set, replaces them for every service.
# A percentage heap (the dashboard's) is taken of its pod's 384 MiB limit, not of this machine.
image_jvm() {
    local opts
    opts=$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\(.*\)"$/\1/p' "$ROOT/$1/src/main/docker/Dockerfile.jvm")
    [[ $opts == *MaxRAMPercentage* ]] && opts="-XX:MaxRAM=384m $opts"
    echo "$opts"
}
jvm() { echo "${JAVA_OPTS:-$(image_jvm "$1")}"; }
# From the jar's folder, as the images run from /deployments: the class-data archive the build made there for its
# JDK (app-cds.jsa; the images make their own ahead-of-time cache instead) lists the jars relative to it. JAVA_OPTS
# does not drop it; a JVM other than the build's ignores it. It changes folder and becomes the JVM, so call it in a
# subshell: `run_jar x &` (then $! is the JVM's pid) or `(run_jar x command)`.
run_jar() { # service [command args...]
    local service=$1
    shift
    cd "$ROOT/$service/target/quarkus-app" && exec java -XX:SharedArchiveFile=app-cds.jsa $(jvm "$service") -jar quarkus-run.jar "$@"
}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

start() { # name port
    local signing=
    [[ $1 == ingest-service ]] && signing=$SIGNING_KEY
    FX_CANDLE_SIGNING_KEY=$signing run_jar "$1" >"$RUN_DIR/$1.log" 2>&1 &
    PIDS+=($!)
    local pid=$! deadline=$((SECONDS + 180)) # a busy machine can take a minute
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
(FX_CANDLE_SIGNING_KEY=$SIGNING_KEY run_jar ingest-service backfill --days "$BACKFILL_DAYS")

step "first correlation run on the backfilled weeks"
curl -fs -X POST ${FX_ADMIN_TOKEN:+-H "Authorization: Bearer $FX_ADMIN_TOKEN"} http://127.0.0.1:8083/correlation/run && echo
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
