#!/usr/bin/env bash
# How the cost of writing and reading beliefs grows with the table: grows timed_belief on a PostgreSQL cluster of
# its own (loopback, port ${BENCH_PGPORT:-55435}, data in a temporary folder) to each size in BENCH_SCALE_STAGES
# (millions of rows; default "1 10 50") and at each size measures, beside the hand-written SQL or binary COPY that
# gives the same answer:
#   import   one more month of 15-minute measurements for 100 sensors (in-process BeliefImporter: CSV parsing,
#            belief rules, binary COPY; timed after a one-day import of 5 other sensors warms the process up) vs
#            psql binary COPY of the same rows, with and without the foreign keys;
#   reads    one sensor (3 beliefs per event: measurement and forecasts 6 h and 24 h ahead), most recent beliefs,
#            1 day / 1 month / 1 year resampled to 1 h; the month and the year "as of" a belief time in the past;
#            an asset's 5 sensors over a month;
#   GET      /api/v3_0/sensors/<id>/data (1 day) with BENCH_CLIENTS (20) concurrent readers for BENCH_SECONDS (20) s,
#            p50/p99, vs the same number of connections running the SQL; with BENCH_PROFILE=1 the server's threads are
#            sampled meanwhile (dotnet-trace) and the top frames go to artifacts/get-profile-*.txt.
# The table holds hundreds of sensors with two years of 15-minute data each (every other one also with forecasts
# 1 h and 24 h ahead), written in event order; the rows that only fill the table are inserted by SQL with the
# foreign-key triggers off (they are about known sensors and one known source).
# Usage: scripts/bench-scale.sh       (needs root for the private cluster; about 25 minutes for "1 10 50" on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
stages=${BENCH_SCALE_STAGES:-1 10 50}
runs=${BENCH_RUNS:-11}
clients=${BENCH_CLIENTS:-20}
seconds=${BENCH_SECONDS:-20}
port=${BENCH_PGPORT:-55435}
http_port=${BENCH_HTTP_PORT:-5057}
say() { printf 'bench-scale: %s\n' "$*" >&2; }

source "$root/scripts/lib/private-postgres.sh"
trap private_postgres_stop EXIT
say "starting a PostgreSQL cluster of its own on 127.0.0.1:$port"
private_postgres_start "$port"
work="$pg_work"
sql() { private_psql "$@"; }

say "building (Release)"
private_platform_build

# Structure: an asset with the 5 sensors that are read (1-5), a fleet of sensors that fill the table (6-505; the
# first 100 of them also get the imported months), one source. The fleet is cloned from sensor 1 in SQL.
fm db upgrade >/dev/null
fm add initial-structure >/dev/null
fm add account --name Scale >/dev/null
echo "scale-bench-password" | fm add user --username scale --email scale@example.org --account 1 --password-stdin >/dev/null
fm add asset --name site --asset-type 6 --account 1 >/dev/null
fm add asset --name fleet --asset-type 6 --account 1 >/dev/null
for s in 1 2 3 4 5; do
    fm add sensor --name "site meter $s" --unit kW --event-resolution PT15M --timezone Europe/Amsterdam --asset 1 >/dev/null
done
fm add source --name bench >/dev/null
columns=$(sql -tA -c "SELECT string_agg(quote_ident(column_name), ', ') FROM information_schema.columns
                      WHERE table_name = 'sensor' AND column_name NOT IN ('id', 'name', 'generic_asset_id')")
sql -c "INSERT INTO sensor (name, generic_asset_id, $columns)
        SELECT 'fleet meter ' || g, 2, $columns FROM sensor, generate_series(6, 505) g WHERE id = 1 ORDER BY g"
[ "$(sql -tA -c "SELECT max(id) FROM sensor")" = 505 ] || { say "expected sensor ids 1-505"; exit 1; }

from="2024-01-01 00:00+00"
to="2025-12-31 23:45+00"
# Rows of sensors LO..HI, in event order: measurements, and for odd sensor ids forecasts 1 h and 24 h ahead.
fill() {
    sql -c "SET session_replication_role = replica" -c "
        INSERT INTO timed_belief (event_start, belief_horizon, cumulative_probability, event_value, sensor_id, source_id)
        SELECT t, h, 0.5, round((50 + 40 * sin(extract(epoch FROM t) / 7200) + 10 * random())::numeric, 3), s, 1
        FROM generate_series(timestamptz '$from', timestamptz '$to', interval '15 minutes') t,
             generate_series($1, $2) s,
             (VALUES (interval '0'), (interval '1 hour'), (interval '24 hours')) hz(h)
        WHERE h = interval '0' OR s % 2 = 1"
}
say "the 5 sensors that are read: two years each; sensor 1 also forecasts 6 h and 24 h ahead"
sql -c "SET session_replication_role = replica" -c "
    INSERT INTO timed_belief (event_start, belief_horizon, cumulative_probability, event_value, sensor_id, source_id)
    SELECT t, h, 0.5, round((50 + 40 * sin(extract(epoch FROM t) / 7200) + 10 * random())::numeric, 3), s, 1
    FROM generate_series(timestamptz '$from', timestamptz '$to', interval '15 minutes') t,
         generate_series(1, 5) s,
         (VALUES (interval '0'), (interval '6 hours'), (interval '24 hours')) hz(h)
    WHERE h = interval '0' OR s = 1"

say "starting the server on 127.0.0.1:$http_port"
private_platform_serve "$http_port"

# Times psql's binary COPY of the month just imported ($where, in $work/month.bin) back into the table it was
# deleted from. $1: label; $2: SQL run first in the same session.
copy_once() {
    local count start end
    count=$(sql -tA -c "SELECT count(*) FROM timed_belief WHERE $where")
    sql -c "DELETE FROM timed_belief WHERE $where" -c "VACUUM timed_belief" -c "CHECKPOINT"
    start=$(date +%s.%N)
    sql -c "$2" -c "COPY timed_belief (event_start, belief_horizon, cumulative_probability, event_value, sensor_id, source_id) FROM '$work/month.bin' (FORMAT binary)"
    end=$(date +%s.%N)
    printf 'binary COPY %s: %s rows in %.2f s = %.0f rows/s\n' "$1" "$count" "$(echo "$end - $start" | bc -l)" "$(echo "$count / ($end - $start)" | bc -l)" | tee -a "$results"
}

next_sensor=6
stage_index=0
results="$work/results"
: >"$results"
for millions in $stages; do
    target=$((millions * 1000000))
    rows=$(sql -tA -c "SELECT count(*) FROM timed_belief")
    t0=$(date +%s)
    while [ "$rows" -lt "$target" ]; do
        [ "$next_sensor" -le 505 ] || { say "out of fleet sensors at $rows rows"; exit 1; }
        # Batches of up to 10 sensors, smaller near the target so a stage stops close to it.
        left=$(( (target - rows) / 140000 + 1 ))
        batch=$(( left < 10 ? left : 10 ))
        last=$((next_sensor + batch - 1))
        [ "$last" -le 505 ] || last=505
        fill "$next_sensor" "$last"
        next_sensor=$((last + 1))
        rows=$(sql -tA -c "SELECT count(*) FROM timed_belief")
    done
    sql -c "VACUUM ANALYZE timed_belief" -c "CHECKPOINT"
    say "stage: $rows rows (filled in $(( $(date +%s) - t0 )) s; table and indexes $(sql -tA -c "SELECT pg_size_pretty(pg_total_relation_size('timed_belief'))"))"
    echo "== $rows rows" >>"$results"

    # Import: a month after the data (a new one per stage) for sensors 6-105.
    stage_index=$((stage_index + 1))
    month=$(date -u -d "2026-01-01 + $(( (stage_index - 1) * 30 )) days" +%F)   # 30-day windows, one after the other
    bench scale-csv "$work/month$stage_index" 6 105 "$month" 30 >/dev/null
    bench scale-csv "$work/warmup$stage_index" 106 110 "$month" 1 >/dev/null
    bench scale-import "$work/month$stage_index" 6 105 bench "$work/warmup$stage_index" 106 110 | tee -a "$results"
    where="event_start >= timestamptz '$month 00:00+00' AND event_start < timestamptz '$month 00:00+00' + interval '30 days' AND sensor_id BETWEEN 6 AND 105"
    sql -c "COPY (SELECT event_start, belief_horizon, cumulative_probability, event_value, sensor_id, source_id FROM timed_belief WHERE $where)
            TO '$work/month.bin' (FORMAT binary)"
    copy_once "without foreign keys" "SET session_replication_role = replica"
    copy_once "with foreign keys" "SELECT 1"
    # The COPYs wrote into index pages the first import had already split and the VACUUM had emptied; the platform
    # gets the same start once more, so the ratio compares like with like.
    sql -c "DELETE FROM timed_belief WHERE $where" -c "VACUUM timed_belief" -c "CHECKPOINT"
    bench scale-import "$work/month$stage_index" 6 105 bench "$work/warmup$stage_index" 106 110 \
        | sed 's/^import:/import again, after the same DELETE, VACUUM and CHECKPOINT as the COPYs:/' | tee -a "$results"

    # Reads: sensor 1 (measurements and two forecast horizons), then the asset's 5 sensors.
    bench scale-read "1 day" 1 2025-06-01 1 - "$runs" | tee -a "$results"
    bench scale-read "1 month" 1 2025-06-01 30 - "$runs" | tee -a "$results"
    bench scale-read "1 year" 1 2025-01-01 365 - "$runs" | tee -a "$results"
    bench scale-read "1 month as of mid-month" 1 2025-06-01 30 2025-06-15T12:00:00 "$runs" | tee -a "$results"
    bench scale-read "1 year as of mid-year" 1 2025-01-01 365 2025-07-01T12:00:00 "$runs" | tee -a "$results"
    bench scale-read "asset: 5 sensors, 1 month" 1,2,3,4,5 2025-06-01 30 - "$runs" | tee -a "$results"
    if [ -n "${BENCH_PROFILE:-}" ]; then
        # Stack samples of the server's threads (about 100 a second) while it answers the readers; the top frames.
        dotnet tool install dotnet-trace --version 10.0.750501 --tool-path "$work/tools" >/dev/null 2>&1 || true
        "$work/tools/dotnet-trace" collect -p "$private_server_pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$seconds" \
            -o "$work/get$stage_index.nettrace" >/dev/null 2>&1 &
        tracer=$!
        sleep 2
    fi
    bench scale-get "http://127.0.0.1:$http_port" scale@example.org scale-bench-password 1 2025-06-01 1 "$clients" "$seconds" | tee -a "$results"
    if [ -n "${BENCH_PROFILE:-}" ]; then
        wait "$tracer" || true
        mkdir -p "$root/artifacts"
        "$work/tools/dotnet-trace" report "$work/get$stage_index.nettrace" topN -n 40 >"$root/artifacts/get-profile-$millions-exclusive.txt" 2>&1 || true
        "$work/tools/dotnet-trace" report "$work/get$stage_index.nettrace" topN -n 80 --inclusive >"$root/artifacts/get-profile-$millions-inclusive.txt" 2>&1 || true
        say "GET profile: artifacts/get-profile-$millions-*.txt"
    fi
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo
echo "machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB, load before the run's end $(cut -d' ' -f1-3 /proc/loadavg), PostgreSQL $($pg_bin/postgres --version | awk '{print $3}') (shared_buffers 512MB), .NET $(dotnet --version)"
cat "$results"
