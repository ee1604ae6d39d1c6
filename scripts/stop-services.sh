#!/usr/bin/env bash
# scripts/stop-services.sh — stop the Redis and PostgreSQL started by scripts/services.sh.
# Best-effort: never fails. Honours the same PGPORT / REDIS_PORT / FM_PG_VERSION /
# FM_PG_CLUSTER overrides as services.sh.
set -uo pipefail

pg_port="${PGPORT:-5432}"
redis_port="${REDIS_PORT:-6379}"
pg_cluster="${FM_PG_CLUSTER:-main}"
say() { printf 'stop-services: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
    else "$@"
    fi
}

# Redis: SHUTDOWN works whoever started it (no persistence: NOSAVE).
if command -v redis-cli >/dev/null 2>&1 \
   && [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ]; then
    redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do
        [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ] || break
        sleep 0.5
    done
    if [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ]; then
        say "Redis on 127.0.0.1:$redis_port is still running"
    else
        say "Redis on 127.0.0.1:$redis_port stopped"
    fi
else
    say "Redis on 127.0.0.1:$redis_port not running"
fi

# PostgreSQL: the Debian cluster (default: newest installed version, cluster main).
pg_version="${FM_PG_VERSION:-}"
if [ -z "$pg_version" ] && command -v pg_lsclusters >/dev/null 2>&1; then
    # prefer the cluster configured on our port
    pg_version="$(pg_lsclusters -h 2>/dev/null | awk -v c="$pg_cluster" -v p="$pg_port" '$2==c && $3==p {print $1; exit}')"
fi
if [ -n "$pg_version" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    if pg_ctlcluster "$pg_version" "$pg_cluster" status >/dev/null 2>&1; then
        if as_root pg_ctlcluster "$pg_version" "$pg_cluster" stop -m fast >&2; then
            say "PostgreSQL $pg_version/$pg_cluster stopped"
        else
            say "could not stop PostgreSQL $pg_version/$pg_cluster"
        fi
    else
        say "PostgreSQL $pg_version/$pg_cluster not running"
    fi
else
    say "no PostgreSQL cluster '$pg_cluster' on port $pg_port found"
fi
exit 0
