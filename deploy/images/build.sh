#!/usr/bin/env bash
# Builds the services' JVM images from their src/main/docker/Dockerfile.jvm.
#
#   deploy/images/build.sh [--tag TAG] [--base IMAGE] [--train] [service ...]
#
#   --tag TAG      image tag (default 1.0.0, the tag deploy/k8s and deploy/compose.yml use)
#   --base IMAGE   base image for every Dockerfile.jvm (default: the Dockerfile's own public UBI base with
#                  Docker, the local base built here with buildah)
#   --train        make each image's ahead-of-time cache from a whole start (Dockerfile.jvm, TRAINING_ENV) against
#                  the PostgreSQL and Redis of DB_HOST, DB_PORT, DB_USER, REDIS_HOST, REDIS_PORT (default: local,
#                  user postgres), in the database TRAINING_DB_NAME (default fx_image_training, created when psql
#                  can), on channels of their own; the user must enter without a password (build arguments stay in
#                  the image's history). Without it the cache covers Quarkus's static init only.
#   service ...    a subset of SERVICES below (default: all)
#
# With a running Docker engine it runs `docker build`. Otherwise it uses buildah (Debian: apt-get install buildah
# busybox-static) and, because no registry may be reachable, first builds a local base from scratch:
# fx-pipeline/jre-base:25 = a JRE jlinked from a JDK 25 on this machine (the modules the services use), the
# shared libraries it links, the loader, a static busybox, and /etc/passwd and /etc/group with user 185.
# Images land in buildah's vfs storage (BUILDAH_STORAGE_DRIVER, default vfs: no fuse-overlayfs needed), which
# `podman --storage-driver vfs` runs (deploy/README.md, "Images"). The jars must be built (`mvn package`).
set -euo pipefail

# Every service with a src/main/docker/Dockerfile.jvm; add a new one here.
SERVICES=(ingest-service analytics-service correlation-service dashboard-service)

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TAG=1.0.0
BASE=
TRAIN=
PICKED=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --tag) TAG=$2; shift 2 ;;
        --base) BASE=$2; shift 2 ;;
        --train) TRAIN=1; shift ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        -*) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
        *) [[ " ${SERVICES[*]} " == *" $1 "* ]] || { echo "unknown service: $1 (one of: ${SERVICES[*]})" >&2; exit 2; }
           PICKED+=("$1"); shift ;;
    esac
done
(( ${#PICKED[@]} )) || PICKED=("${SERVICES[@]}")

REVISION=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
VERSION=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$ROOT/pom.xml" | head -n 1)
SOURCE=$(git -C "$ROOT" remote get-url origin 2>/dev/null || echo "")
LABEL_ARGS=(--build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION")
[[ -n $SOURCE ]] && LABEL_ARGS+=(--build-arg "SOURCE=$SOURCE")

for service in "${PICKED[@]}"; do
    [[ -f $ROOT/$service/target/quarkus-app/quarkus-run.jar ]] \
        || { echo "$service is not built: run mvn -B package -DskipTests first" >&2; exit 1; }
done

# --train: the build arguments that make a training run of a whole start (host network: the servers are local).
TRAINING_DB=${TRAINING_DB_NAME:-fx_image_training}
if [[ -n $TRAIN ]]; then
    [[ -z ${DB_PASSWORD:-} ]] || { echo "--train passes no password (it would stay in the image's history): use a database the user enters without one" >&2; exit 2; }
    if command -v psql >/dev/null \
        && ! psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -d postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname = '$TRAINING_DB'" | grep -q 1; then
        psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -d postgres -qc "CREATE DATABASE \"$TRAINING_DB\""
    fi
fi
training_env() { # service: the TRAINING_ENV of its Dockerfile.jvm
    local env="DB_HOST=${DB_HOST:-127.0.0.1} DB_PORT=${DB_PORT:-5432} DB_USER=${DB_USER:-postgres} DB_NAME=$TRAINING_DB"
    env+=" REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379} FX_PREFIX=aot-training-$$:"
    env+=" HTTP_PORT=$((20000 + RANDOM % 20000)) HOURLY_JOB_ENABLED=false DAILY_JOB_ENABLED=false"
    [[ $1 != ingest-service ]] || env+=" FX_FEED=replay" # the image's own replay set: no OANDA account needed
    echo "$env"
}

if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    for service in "${PICKED[@]}"; do
        docker build ${BASE:+--build-arg "BASE_IMAGE=$BASE"} "${LABEL_ARGS[@]}" ${TRAIN:+--network host} \
            ${TRAIN:+--build-arg "TRAINING_ENV=$(training_env "$service")"} \
            -f "$ROOT/$service/src/main/docker/Dockerfile.jvm" -t "fx-pipeline/$service:$TAG" "$ROOT/$service"
    done
    exit 0
fi

command -v buildah >/dev/null || { echo "neither a running Docker engine nor buildah (apt-get install buildah busybox-static)" >&2; exit 1; }
export STORAGE_DRIVER=${BUILDAH_STORAGE_DRIVER:-vfs}
BUILDAH=(buildah --storage-driver "$STORAGE_DRIVER")
BUD=("${BUILDAH[@]}" bud --isolation chroot --layers=false)

if [[ -z $BASE ]]; then
    BASE=localhost/fx-pipeline/jre-base:25
    "$(dirname "$0")/base.sh" "$ROOT/target/images/base" "$BASE"
fi
for service in "${PICKED[@]}"; do
    start=$SECONDS
    "${BUD[@]}" -q --build-arg "BASE_IMAGE=$BASE" "${LABEL_ARGS[@]}" ${TRAIN:+--network host} \
        ${TRAIN:+--build-arg "TRAINING_ENV=$(training_env "$service")"} \
        -f "$ROOT/$service/src/main/docker/Dockerfile.jvm" -t "fx-pipeline/$service:$TAG" "$ROOT/$service" >/dev/null
    echo "built fx-pipeline/$service:$TAG in $((SECONDS - start)) s${TRAIN:+ (cache from a whole start)}"
done
"${BUILDAH[@]}" images --format '{{.Name}}:{{.Tag}} {{.Size}}' \
    | grep -E "fx-pipeline/($(IFS='|'; echo "${PICKED[*]}")):$TAG |$BASE " || true
