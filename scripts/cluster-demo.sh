#!/usr/bin/env bash
# scripts/cluster-demo.sh [--short] — the platform over several processes, on loopback, with existing engines only
# (docs/deployment.md): a PostgreSQL primary and a streaming replica (pg_basebackup -R), a Redis, two
# `flexmeasures run` web hosts sharing SECRET_KEY and both database URLs, and two `jobs run-worker` processes.
# It posts and reads through both hosts and checks that
#   - every acknowledged belief is readable through both hosts (reads go to the replica: polled until a deadline),
#   - a token issued by one host works on the other,
#   - a schedule job triggered through one host is done by a worker and visible through the other,
#   - after kill -9 of one host and one worker mid-run, every acknowledged belief is still there and every queued
#     job is done by the remaining worker.
# Prints one line per check and a summary; exits non-zero on any failure. --short (CI) posts and queues less.
# Ports are free ones picked at start; everything lives in a temporary folder removed on exit. It never touches
# the shared PostgreSQL (5432) or Redis (6379). Needs PostgreSQL 15 (Debian `postgresql`), redis-server, curl and jq;
# as root it runs PostgreSQL as the `postgres` user. FLEXMEASURES_CLI_DLL names a built CLI to use (see fm below).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
short=0
case "${1:-}" in
    --short) short=1 ;;
    "") ;;
    *) echo "usage: scripts/cluster-demo.sh [--short]" >&2; exit 2 ;;
esac

if [ "$short" = 1 ]; then posts_per_sensor=6; sensors=2; jobs=3; rounds=15; deadline=90; else posts_per_sensor=30; sensors=4; jobs=8; rounds=60; deadline=120; fi
hours_per_post=6
total_hours=$((300 * hours_per_post))
base_epoch=$(date -u -d 2025-01-01T00:00:00Z +%s)

say() { printf 'cluster-demo: [%3d s] %s\n' "$SECONDS" "$*" >&2; }
passed=0
failed=0
check() {  # check <description> <command...>: one line per check, counted for the summary
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); printf 'ok    %s\n' "$what"; else failed=$((failed + 1)); printf 'FAIL  %s\n' "$what"; fi
}

source "$root/scripts/lib/private-postgres.sh"
private_postgres_install
for tool in redis-server jq; do
    command -v "$tool" >/dev/null 2>&1 || { say "needs $tool (apt-get install redis-server jq)"; exit 1; }
done

work=$(mktemp -d /tmp/fm-cluster.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" != 0 ] || chown postgres "$work"

processes=()   # pids of hosts and workers this script started
cleanup() {
    local rc=$?
    for pid in "${processes[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    if [ "$rc" -ne 0 ] || [ "$failed" -gt 0 ]; then
        local kept="$root/artifacts/cluster-demo-logs"
        rm -rf "$kept" && mkdir -p "$kept" && cp "$work"/*.log "$kept"/ 2>/dev/null || true
        for log in "$work"/*.log; do [ -f "$log" ] && { echo "--- last lines of $(basename "$log")"; tail -n 15 "$log"; } >&2; done
        say "all logs kept in $kept"
    fi
    for cluster in primary replica; do
        [ -d "$work/$cluster" ] && as_pg "$pg_bin/pg_ctl" -D "$work/$cluster" -m immediate stop >/dev/null 2>&1 || true
    done
    [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 30000))
        if port_free "$port" && ! grep -qx "$port" "$work/ports" 2>/dev/null; then echo "$port" >>"$work/ports"; echo "$port"; return; fi
    done
    say "no free port found"; exit 1
}
pg1=$(pick_port); pg2=$(pick_port); redis_port=$(pick_port); http_a=$(pick_port); http_b=$(pick_port)
host_a="http://127.0.0.1:$http_a"
host_b="http://127.0.0.1:$http_b"

# --- engines --------------------------------------------------------------------------------------------------
say "PostgreSQL primary on 127.0.0.1:$pg1, streaming replica on :$pg2, Redis on :$redis_port (in $work)"
pg_options() { echo "-c listen_addresses=127.0.0.1 -c port=$1 -c unix_socket_directories=$work -c max_connections=100"; }
as_pg "$pg_bin/initdb" -D "$work/primary" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w -o "$(pg_options "$pg1") -c wal_level=replica -c max_wal_senders=4" start >/dev/null
psql -h 127.0.0.1 -p "$pg1" -U postgres -d postgres -q -c "CREATE DATABASE flexmeasures"
as_pg "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$pg1" -U postgres -D "$work/replica" -R -X stream -c fast
as_pg "$pg_bin/pg_ctl" -D "$work/replica" -l "$work/replica.log" -w -o "$(pg_options "$pg2") -c hot_standby=on" start >/dev/null
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work" >/dev/null

sql() { psql -h 127.0.0.1 -p "$1" -U postgres -d flexmeasures -tAq -c "$2"; }
streaming() { [ "$(sql "$pg1" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = 1 ] && [ "$(sql "$pg2" "SELECT pg_is_in_recovery()")" = t ]; }
wait_for() {  # wait_for <seconds> <command...>
    local until=$((SECONDS + $1)); shift
    until "$@"; do [ "$SECONDS" -lt "$until" ] || return 1; sleep 0.5; done
}
check "the replica streams from the primary and is read-only (in recovery)" wait_for 30 streaming

# --- the platform ---------------------------------------------------------------------------------------------
export FLEXMEASURES_DATABASE_URL="postgresql://postgres@127.0.0.1:$pg1/flexmeasures"
export FLEXMEASURES_DATABASE_READ_URL="postgresql://postgres@127.0.0.1:$pg2/flexmeasures"
export FLEXMEASURES_REDIS_URL="127.0.0.1:$redis_port"
SECRET_KEY="cluster-demo-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export SECRET_KEY
# Posts would queue forecasts of too little history; the demo's jobs are the schedules it triggers.
export Forecasting__OnNewData=false
# A killed worker's running job goes back to the queue after ServerTimeout, short here so the demo need not wait
# 5 min. A worker killed between stamping a job as fetched and marking it Processing leaves it fetched until
# InvisibilityTimeout (30 min by default; it must exceed the longest job, and a schedule here takes seconds).
export Jobs__HeartbeatInterval=00:00:01 Jobs__ServerTimeout=00:00:06 Jobs__RequeueCheckInterval=00:00:02 Jobs__WorkerCount=2
export Jobs__InvisibilityTimeout=00:00:40
# The demo posts and triggers faster than FlexMeasures' default API rate limits allow one account (10 triggers per
# 5 minutes); limits are per host and not what it demonstrates.
export FLEXMEASURES_API_TRIGGER_RATE_LIMIT="1000 per minute" FLEXMEASURES_API_DEFAULT_RATE_LIMIT="100000 per minute"
# FLEXMEASURES_CLI_DLL: a built flexmeasures.dll to use (the CI test passes the one built beside it); otherwise
# scripts/flexmeasures, which builds the CLI when sources changed.
if [ -n "${FLEXMEASURES_CLI_DLL:-}" ]; then flexmeasures=(dotnet "$FLEXMEASURES_CLI_DLL"); else flexmeasures=("$root/scripts/flexmeasures"); fi
fm() { "${flexmeasures[@]}" "$@"; }

say "migrating the primary (builds the CLI first if sources changed)"
fm db upgrade >"$work/setup.log" 2>&1

start_process() {  # start_process <log name> <flexmeasures args...>: in the background, pid appended to processes
    local log=$1; shift
    # Not through fm(): the background process must be the flexmeasures process itself (scripts/flexmeasures execs
    # it), so that kill -9 of its pid kills the host or worker.
    "${flexmeasures[@]}" "$@" >"$work/$log.log" 2>&1 &
    processes+=("$!")
    disown "$!"  # no "Killed" notice from the shell when the demo kills it
}
start_process host-a run --urls "$host_a"; pid_host_a=$!
start_process host-b run --urls "$host_b"; pid_host_b=$!
start_process worker-1 jobs run-worker --queue forecasting,scheduling --name cluster-demo-1; pid_worker_1=$!
start_process worker-2 jobs run-worker --queue forecasting,scheduling --name cluster-demo-2
say "adding the toy account while the hosts and workers start"
fm add toy-account --days 2 >>"$work/setup.log" 2>&1
battery=$(sed -n 's/.*battery \([0-9]*\),.*/\1/p' "$work/setup.log")
up() { curl -sf "$1/api/ops/ping" >/dev/null; }
check "host A answers" wait_for 90 up "$host_a"
check "host B answers" wait_for 90 up "$host_b"

# --- tokens -----------------------------------------------------------------------------------------------------
login() { curl -s -X POST "$1/api/requestAuthToken" -H 'Content-Type: application/json' \
    -d '{"email": "toy-user@flexmeasures.io", "password": "toy-password"}' | jq -r '.auth_token // empty'; }
status() {  # status <host> <token> <path>: the HTTP status of a GET
    curl -s -o /dev/null -w '%{http_code}' "$1$3" -H "Authorization: $2"
}
token_a=$(login "$host_a")
token_b=$(login "$host_b")
token_works() { [ -n "$2" ] && [ "$(status "$1" "$2" /api/v3_0/sensors)" = 200 ]; }
check "a token issued by host A works on host B" token_works "$host_b" "$token_a"
check "a token issued by host B works on host A" token_works "$host_a" "$token_b"
token=$token_a

# --- sensors (the asset list is a read that may lag: polled) ----------------------------------------------------
building_id() { curl -s "$host_b/api/v3_0/assets" -H "Authorization: $token" | jq -r '.[] | select(.name == "toy-building") | .id'; }
building_listed() { [ -n "$(building_id)" ]; }
check "the toy building is listed through host B (asset list from the replica)" wait_for 30 building_listed
building=$(building_id)
sensor_ids=()
for n in $(seq 1 "$sensors"); do
    host=$host_a; [ $((n % 2)) = 0 ] && host=$host_b
    id=$(curl -s -X POST "$host/api/v3_0/sensors" -H "Authorization: $token" -H 'Content-Type: application/json' \
        -d "{\"name\": \"cluster demo $n\", \"unit\": \"kW\", \"event_resolution\": \"PT1H\", \"timezone\": \"UTC\", \"generic_asset_id\": $building}" | jq -r '.id // empty')
    [ -n "$id" ] || { say "could not create sensor $n through $host"; exit 1; }
    sensor_ids+=("$id")
done

# --- posting and reading ----------------------------------------------------------------------------------------
# Post <index> of a sensor covers hours [index*6, index*6+6) from 2025-01-01, values index*100 + 0..5. Acknowledged
# posts (HTTP 200) are appended to acks as "<sensor> <index> <host>".
post() {  # post <host> <sensor> <index>
    local start values code
    start=$(date -u -d "@$((base_epoch + $3 * hours_per_post * 3600))" +%Y-%m-%dT%H:%M:%S+00:00)
    values=$(seq -s, $(($3 * 100)) $(($3 * 100 + hours_per_post - 1)))
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$1/api/v3_0/sensors/$2/data" -H "Authorization: $token" \
        -H 'Content-Type: application/json' \
        -d "{\"values\": [$values], \"start\": \"$start\", \"duration\": \"PT${hours_per_post}H\", \"horizon\": \"PT0H\", \"unit\": \"kW\"}") || true
    [ "$code" = 200 ] && echo "$2 $3 $1" >>"$work/acks"
}
missing() {  # missing <host> <sensor>: how many acknowledged values the host does not show (or "?" when it does not answer)
    local indexes
    indexes=$(awk -v s="$2" '$1 == s { printf "%s%s", sep, $2; sep = "," }' "$work/acks")
    curl -sf "$1/api/v3_0/sensors/$2/data?start=2025-01-01T00:00:00%2B00:00&duration=PT${total_hours}H&unit=kW" -H "Authorization: $token" \
        | jq --argjson indexes "[$indexes]" --argjson k "$hours_per_post" \
            '[ $indexes[] as $i | range(0; $k) as $j | select(.values[$i * $k + $j] != ($i * 100 + $j)) ] | length' 2>/dev/null || echo "?"
}
all_readable() {  # all_readable <host>: every acknowledged belief of every sensor
    local sensor
    for sensor in "${sensor_ids[@]}"; do [ "$(missing "$1" "$sensor")" = 0 ] || return 1; done
}
: >"$work/acks"
say "posting ${posts_per_sensor} times to each of ${#sensor_ids[@]} sensors, alternating hosts"
for sensor in "${sensor_ids[@]}"; do
    for index in $(seq 0 $((posts_per_sensor - 1))); do
        host=$host_a; [ $((index % 2)) = 1 ] && host=$host_b
        post "$host" "$sensor" "$index" || true
    done
done
acked() { wc -l <"$work/acks"; }
check "every post was acknowledged ($(acked) of $((posts_per_sensor * ${#sensor_ids[@]})))" [ "$(acked)" = $((posts_per_sensor * ${#sensor_ids[@]})) ]
check "every acknowledged belief is readable through host A (within ${deadline} s)" wait_for "$deadline" all_readable "$host_a"
check "every acknowledged belief is readable through host B (within ${deadline} s)" wait_for "$deadline" all_readable "$host_b"
replica_rows=$(sql "$pg2" "SELECT count(*) FROM timed_belief WHERE sensor_id IN ($(IFS=,; echo "${sensor_ids[*]}"))")
check "the replica holds them too ($replica_rows rows; reads of values come from there)" [ "$replica_rows" = $(( $(acked) * hours_per_post )) ]

# --- jobs -------------------------------------------------------------------------------------------------------
tomorrow=$(date -u -d tomorrow +%Y-%m-%dT00:00:00+00:00)
battery_asset=$(curl -s "$host_a/api/v3_0/sensors/$battery" -H "Authorization: $token" | jq -r '.generic_asset_id')
trigger() {  # trigger <host>: a new schedule job of the toy battery for tomorrow; prints its id
    curl -s -X POST "$1/api/v3_0/assets/$battery_asset/schedules/trigger" -H "Authorization: $token" -H 'Content-Type: application/json' \
        -d "{\"start\": \"$tomorrow\", \"duration\": \"P1D\", \"force-new-job-creation\": true}" | jq -r '.job // empty'
}
schedule_done() { [ "$(status "$1" "$token" "/api/v3_0/sensors/$battery/schedules/$2?duration=P1D")" = 200 ]; }
first_job=$(trigger "$host_a")
check "a schedule job triggered through host A is done by a worker and visible through host B" \
    eval '[ -n "$first_job" ] && wait_for "$deadline" schedule_done "$host_b" "$first_job"'

# --- kill -9 one host and one worker mid-run ---------------------------------------------------------------------
say "posting through both hosts and queueing $jobs jobs, then kill -9 host B and worker 1"
poster() {  # poster <host> <first index>: posts to every sensor until the host stops answering or the rounds are done
    local index sensor
    for index in $(seq "$2" $(($2 + rounds - 1))); do
        for sensor in "${sensor_ids[@]}"; do post "$1" "$sensor" "$index" || return 0; done
    done
}
poster "$host_a" 100 & poster_a=$!
poster "$host_b" 200 & poster_b=$!
queued=()
for _ in $(seq 1 "$jobs"); do queued+=("$(trigger "$host_a")"); done
sleep 1
kill -9 "$pid_host_b" "$pid_worker_1"
say "killed host B (pid $pid_host_b) and worker 1 (pid $pid_worker_1) with $(acked) posts acknowledged so far"
wait "$poster_b" || true
wait "$poster_a" || true
check "host B is down" eval '! up "$host_b"'
check "every acknowledged belief ($(acked) posts) is readable through host A (within ${deadline} s)" wait_for "$deadline" all_readable "$host_a"
stored=$(sql "$pg1" "SELECT count(*) FROM timed_belief WHERE sensor_id IN ($(IFS=,; echo "${sensor_ids[*]}"))")
check "the primary holds at least every acknowledged belief ($stored rows for $(( $(acked) * hours_per_post )) acknowledged)" \
    [ "$stored" -ge $(( $(acked) * hours_per_post )) ]
all_jobs_done() { local job; for job in "${queued[@]}"; do [ -n "$job" ] && schedule_done "$host_a" "$job" || return 1; done; }
check "all $jobs queued jobs are done by the remaining worker (within ${deadline} s)" wait_for "$deadline" all_jobs_done
for job in "${queued[@]}"; do [ -z "$job" ] || fm jobs show "$job" >>"$work/jobs.log" 2>&1 || true; done

echo "cluster-demo: $passed checks passed, $failed failed ($(acked) posts acknowledged, $((${#queued[@]} + 1)) jobs, $SECONDS s)"
[ "$failed" = 0 ]
