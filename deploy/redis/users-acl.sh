#!/bin/sh
# The Redis ACL users of the FX pipeline, one per service, rendered for `redis-server --aclfile` (Redis 7+: channel
# permissions and selectors). Each user may run exactly the commands its service sends, on its own keys and channels:
#   ingest       PUBLISH data_ready, price_updates, system_alerts; SUBSCRIBE replay_requests; XADD alerts;
#                price:* (SET EX, GET, EXISTS), replay:claims (ZADD, ZREMRANGEBYSCORE, ZREMRANGEBYRANK, PEXPIRE)
#   analytics    PUBLISH data_ready (metrics), volatility_alerts, replay_requests, system_alerts; SUBSCRIBE data_ready;
#                metrics:* (DEL, HSET, EXPIRE in one MULTI/EXEC, EXISTS), XADD alerts
#   correlation  PUBLISH data_ready (correlation), correlation_alerts, replay_requests, system_alerts;
#                SUBSCRIBE data_ready; correlation:* (SETEX, EXISTS), XADD alerts
#   dashboard    SUBSCRIBE to the five channels it relays; reads price:*, metrics:*, correlation:* (MGET, HGETALL)
#                and the newest alerts of the alerts stream (XREVRANGE); no PUBLISH, no write
#   default      (no password: health probes) PING only; everything else is refused
#   admin        everything, only when REDIS_ADMIN_PASSWORD is set (operators: redis-cli --user admin)
# Every service may also PING (health), HELLO/AUTH/SELECT (connecting) and INFO (its cache figures, not the dashboard).
# Channel permissions cannot tell a consumer's data_ready message from ingest's: candle messages are signed instead
# (README, "Trust boundary").
#
#   FX_PREFIX=... INGEST_REDIS_PASSWORD=... ANALYTICS_REDIS_PASSWORD=... CORRELATION_REDIS_PASSWORD=... \
#     DASHBOARD_REDIS_PASSWORD=... [REDIS_ADMIN_PASSWORD=...] sh users-acl.sh > users.acl
#
# FX_PREFIX (channel and key prefix, empty in production) is glob-escaped into the patterns. Passwords are written
# as SHA-256 hashes, so the file holds no password.
set -eu

prefix=${FX_PREFIX:-}
case $prefix in
    *[[:space:]]*) echo "FX_PREFIX must not contain white space" >&2; exit 2 ;;
esac
p=$(printf '%s' "$prefix" | sed 's/[][*?\\]/\\&/g')

password() { # variable name -> "#<sha256>"
    eval "value=\${$1:-}"
    if [ -z "$value" ]; then
        echo "$1 is not set: every service needs its Redis password" >&2
        exit 2
    fi
    printf '#%s' "$(printf '%s' "$value" | sha256sum | cut -d' ' -f1)"
}
ingest=$(password INGEST_REDIS_PASSWORD)
analytics=$(password ANALYTICS_REDIS_PASSWORD)
correlation=$(password CORRELATION_REDIS_PASSWORD)
dashboard=$(password DASHBOARD_REDIS_PASSWORD)

connect="+ping +hello +auth +select +quit +reset +unsubscribe"

echo "user default on nopass resetkeys resetchannels -@all +ping"
echo "user ingest on $ingest resetkeys resetchannels -@all $connect +info" \
    "+get +set +exists ~${p}price:*" \
    "+zadd +zremrangebyscore +zremrangebyrank +pexpire ~${p}replay:claims +xadd ~${p}alerts" \
    "+publish &${p}data_ready &${p}price_updates &${p}system_alerts" \
    "(+subscribe &${p}replay_requests)"
for consumer in analytics correlation; do
    if [ $consumer = analytics ]; then
        secret=$analytics keys="+multi +exec +del +hset +expire ~${p}metrics:*" alerts=volatility_alerts
    else
        secret=$correlation keys="+setex ~${p}correlation:*" alerts=correlation_alerts
    fi
    echo "user $consumer on $secret resetkeys resetchannels -@all $connect +info +exists $keys +xadd ~${p}alerts" \
        "+publish &${p}data_ready &${p}${alerts} &${p}replay_requests &${p}system_alerts" \
        "(+subscribe &${p}data_ready)"
done
echo "user dashboard on $dashboard resetkeys resetchannels -@all $connect" \
    "+get +mget +hgetall +xrevrange %R~${p}price:* %R~${p}metrics:* %R~${p}correlation:* %R~${p}alerts" \
    "+subscribe &${p}data_ready &${p}price_updates &${p}volatility_alerts &${p}correlation_alerts &${p}system_alerts"
if [ -n "${REDIS_ADMIN_PASSWORD:-}" ]; then
    echo "user admin on $(password REDIS_ADMIN_PASSWORD) ~* &* +@all"
fi
