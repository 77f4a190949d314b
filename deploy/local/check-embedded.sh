#!/usr/bin/env bash
# Checks run.sh on a machine with no PostgreSQL and no Redis: points it at two ports where nothing listens
# (DB_PORT, REDIS_PORT; DB_HOST and REDIS_HOST unset), then expects it to start the embedded servers, run the
# suite on them (candles, metrics and closes stored, alerts published), stop everything on Ctrl+C (SIGINT to
# its process group, as a terminal sends it), and on a second run find the data of the first.
#
#   deploy/local/check-embedded.sh            (the jars built; PostgreSQL refuses root, so as root it runs run.sh
#                                              as FX_CHECK_USER, default nobody)
set -euo pipefail
set -m # background jobs get their own process group and keep SIGINT, like a command typed in a terminal
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/fx-embedded-check.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
DB_PORT=$(free_port) REDIS_PORT=$(free_port)
AS=()
if (( EUID == 0 )); then
    chown "${FX_CHECK_USER:-nobody}" "$WORK"
    AS=(runuser -u "${FX_CHECK_USER:-nobody}" --)
fi
fail() { echo "FAIL: $*" >&2; exit 1; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

run_once() { # log
    "${AS[@]}" env -u DB_HOST -u REDIS_HOST DB_PORT="$DB_PORT" REDIS_PORT="$REDIS_PORT" FX_RUN_DIR="$WORK/run" \
        HOME="$WORK" FX_PREFIX=check: "$ROOT/deploy/local/run.sh" --backfill-days 3 --speed 36000 >"$1" 2>&1 &
    local job=$!
    local deadline=$((SECONDS + 300))
    until grep -q "The suite is running" "$1"; do
        kill -0 "$job" 2>/dev/null || { cat "$1"; fail "run.sh ended before the suite ran"; }
        (( SECONDS < deadline )) || { cat "$1"; kill -INT -- -"$job"; fail "the suite did not run within 300 s"; }
        sleep 1
    done
    . "$WORK/run/embedded.env"
    echo "embedded PostgreSQL on $DB_PORT, Redis on $REDIS_PORT (asked: $DB_PORT_ASKED, $REDIS_PORT_ASKED)"
    # the 3 backfilled days (20 pairs x 72 hours) reach every service; the feed plays on meanwhile
    local counts
    for _ in $(seq 1 120); do
        counts=$(PGPASSWORD= psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d fx -tAc "SELECT (SELECT count(*) FROM ingest.candles) || ' '
            || (SELECT count(*) FROM analytics.volatility_metrics) || ' ' || (SELECT count(*) FROM correlation.closes)")
        read -r candles metrics closes <<<"$counts"
        (( candles >= 1440 && metrics >= 1440 && closes >= 1440 )) && break
        sleep 1
    done
    echo "stored in the embedded PostgreSQL: $candles candles, $metrics metric rows, $closes closes;" \
        "$(redis-cli -p "$REDIS_PORT" --scan --pattern "check:*" | wc -l) cache keys in the embedded Redis"
    (( candles >= 1440 && metrics >= 1440 && closes >= 1440 )) || fail "the suite did not store the backfilled days"
    kill -INT -- -"$job" # Ctrl+C
    wait "$job" || true
    listening "$DB_PORT" && fail "PostgreSQL still listens on $DB_PORT after Ctrl+C"
    listening "$REDIS_PORT" && fail "Redis still listens on $REDIS_PORT after Ctrl+C"
    for port in 8081 8082 8083; do listening $port && fail "a service still listens on $port after Ctrl+C"; done
    pgrep -u "${FX_CHECK_USER:-nobody}" -f "$WORK" >/dev/null && fail "processes of the run are left"
    return 0
}
DB_PORT_ASKED=$DB_PORT REDIS_PORT_ASKED=$REDIS_PORT
run_once "$WORK/first.log"
grep -E "^embedded |nothing answers" "$WORK/first.log"
DB_PORT=$DB_PORT_ASKED REDIS_PORT=$REDIS_PORT_ASKED
run_once "$WORK/second.log"
grep -q "kept from an earlier run" "$WORK/second.log" || fail "the second run did not find the first run's database"
echo "OK: embedded servers started, used, stopped on Ctrl+C, data kept in $WORK/run (logs: $WORK/*.log)"
