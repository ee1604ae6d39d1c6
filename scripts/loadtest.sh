#!/usr/bin/env bash
# Load test of the REST API on PostgreSQL: LOAD_CLIENTS (default 20) concurrent clients post one day of
# one-minute data per request, each to its own sensor, for LOAD_SECONDS (default 60) against
# `flexmeasures run` on 127.0.0.1, backed by a PostgreSQL cluster of its own. Passes when no request failed
# and the database holds exactly the beliefs that were sent; prints requests/s and beliefs/s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
clients=${LOAD_CLIENTS:-20}
seconds=${LOAD_SECONDS:-60}
pg_port=${LOAD_PGPORT:-55434}
http_port=${LOAD_HTTP_PORT:-5055}
say() { printf 'loadtest: %s\n' "$*" >&2; }

source "$root/scripts/lib/private-postgres.sh"
trap private_postgres_stop EXIT
say "starting a PostgreSQL cluster of its own on 127.0.0.1:$pg_port"
private_postgres_start "$pg_port"

say "building (Release)"
private_platform_build

fm db upgrade >/dev/null
fm add initial-structure >/dev/null
fm add account --name Load >/dev/null
echo "load-test-password" | fm add user --username load --email load@example.org --account 1 --password-stdin >/dev/null
fm add asset --name site --asset-type 6 --account 1 >/dev/null
for c in $(seq 1 "$clients"); do
    fm add sensor --name "meter $c" --unit kW --event-resolution PT1M --timezone Europe/Amsterdam --asset 1 >/dev/null
done

say "starting the server on 127.0.0.1:$http_port"
private_platform_serve "$http_port"

say "$clients clients posting for $seconds s"
out=$(bench load "http://127.0.0.1:$http_port" load@example.org load-test-password 1 "$clients" "$seconds") || { echo "$out"; exit 1; }
echo "$out"
sent=$(echo "$out" | awk '/^sent beliefs:/ {print $3}')
stored=$(private_psql -tA -c "SELECT count(*) FROM timed_belief")
echo "stored beliefs: $stored"
[ "$sent" = "$stored" ] || { say "sent $sent beliefs but the database holds $stored"; exit 1; }
say "ok: every belief sent is stored, no request failed"
