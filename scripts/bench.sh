#!/usr/bin/env bash
# Benchmarks the belief store against PostgreSQL doing the same work, on a PostgreSQL cluster of its own
# (loopback, port ${BENCH_PGPORT:-55433}, data in a temporary folder), and prints ratios from one run:
#   1. import of SENSORS x EVENTS beliefs (default 10 x 100,000 quarter-hours) with `flexmeasures add beliefs`
#      vs `psql \copy` of the same rows into a table with the same keys and indexes;
#   2. a one-year search of one 15-minute sensor (3 beliefs per event, most recent only) resampled to 1 hour,
#      vs the hand-written SQL (DISTINCT ON + date_bin);
#   3. the import's peak memory.
# Usage: scripts/bench.sh            (BENCH_SENSORS, BENCH_EVENTS, BENCH_RUNS override the sizes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sensors=${BENCH_SENSORS:-10}
events=${BENCH_EVENTS:-100000}
runs=${BENCH_RUNS:-15}
port=${BENCH_PGPORT:-55433}
say() { printf 'bench: %s\n' "$*" >&2; }

source "$root/scripts/lib/private-postgres.sh"
trap private_postgres_stop EXIT
say "starting a PostgreSQL cluster of its own on 127.0.0.1:$port"
private_postgres_start "$port"
work="$pg_work"
psql_() { private_psql "$@"; }

say "building (Release)"
private_platform_build

fm db upgrade >/dev/null
fm add account --name Bench >/dev/null
fm add asset-type --name meter >/dev/null
fm add asset --name site --asset-type 1 --account 1 >/dev/null
sensor_args=()
files=()
for s in $(seq 1 "$sensors"); do
    fm add sensor --name "meter $s" --unit kW --event-resolution PT15M --timezone Europe/Amsterdam --asset 1 >/dev/null
    sensor_args+=(--sensor "$s")
    files+=("$work/data/sensor$s.csv")
done
fm add source --name bench >/dev/null

say "generating $sensors x $events rows"
bench generate "$work/data" "$sensors" "$events" >/dev/null
rows=$((sensors * events))

say "importing with flexmeasures add beliefs"
t0=$(date +%s.%N)
/usr/bin/time -f '%M' -o "$work/rss" dotnet "$work/cli/flexmeasures.dll" add beliefs "${files[@]}" "${sensor_args[@]}" --source bench --horizon PT0H >"$work/import.out"
t1=$(date +%s.%N)
stored=$(psql_ -tA -c "SELECT count(*) FROM timed_belief")
[ "$stored" = "$rows" ] || { say "import stored $stored rows, expected $rows"; cat "$work/import.out" >&2; exit 1; }

say "copying the same rows with psql \\copy"
psql_ -c "CREATE TABLE timed_belief_copy (LIKE timed_belief INCLUDING ALL)" \
      -c "ALTER TABLE timed_belief_copy ADD FOREIGN KEY (sensor_id) REFERENCES sensor (id) ON DELETE CASCADE, ADD FOREIGN KEY (source_id) REFERENCES data_source (id)"
t2=$(date +%s.%N)
psql_ -c "\\copy timed_belief_copy (event_start, belief_horizon, cumulative_probability, event_value, sensor_id, source_id) FROM '$work/data/copy.csv' WITH (FORMAT csv)"
t3=$(date +%s.%N)
copied=$(psql_ -tA -c "SELECT count(*) FROM timed_belief_copy")
[ "$copied" = "$rows" ] || { say "copy stored $copied rows"; exit 1; }

say "preparing the search: one year of a 15-minute sensor, 3 beliefs per event"
fm add sensor --name "search meter" --unit kW --event-resolution PT15M --timezone Europe/Amsterdam --asset 1 >/dev/null
search_sensor=$((sensors + 1))
psql_ -c "INSERT INTO timed_belief (event_start, belief_horizon, cumulative_probability, event_value, sensor_id, source_id)
          SELECT t, h * interval '1 hour', 0.5, random() * 100, $search_sensor, 1
          FROM generate_series(timestamptz '2021-01-01 00:00+00', timestamptz '2021-12-31 23:45+00', interval '15 minutes') AS t,
               generate_series(0, 2) AS h" -c "VACUUM ANALYZE timed_belief"
search=$(bench search "$search_sensor" "$runs")

import_s=$(echo "$t1 - $t0" | bc -l)
copy_s=$(echo "$t3 - $t2" | bc -l)
rss_kb=$(cat "$work/rss")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo
echo "machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB, PostgreSQL $($pg_bin/postgres --version | awk '{print $3}'), .NET $(dotnet --version)"
printf 'import: %d beliefs (%d sensors x %d quarter-hours)\n' "$rows" "$sensors" "$events"
printf '  flexmeasures add beliefs: %.2f s = %.0f rows/s (whole command, process start included)\n' "$import_s" "$(echo "$rows / $import_s" | bc -l)"
printf '  psql \\copy:               %.2f s = %.0f rows/s\n' "$copy_s" "$(echo "$rows / $copy_s" | bc -l)"
printf '  ratio: %.2f of raw COPY (target >= 0.6)\n' "$(echo "$copy_s / $import_s" | bc -l)"
printf '  peak memory of the import: %.0f MiB\n' "$(echo "$rss_kb / 1024" | bc -l)"
echo "$search"
