#!/usr/bin/env bash
# Times a scheduling job end to end on a PostgreSQL cluster of its own (loopback, port ${BENCH_PGPORT:-55434}):
# one battery, two days at 15 minutes (192 steps), hourly prices read from a sensor as of the belief time (FlexMeasures'
# own planning test prices of its first two days, as the solver benchmark uses), solved with HiGHS, the power and
# SoC schedules stored as beliefs. `flexmeasures add schedule` reports the job's own time (reading + solving +
# storing, without process start); each run uses a new belief time, so each stores a full schedule. Prints every
# run and the median. Target: < 0.5 s.
# Usage: scripts/bench-schedule.sh   (BENCH_RUNS, default 7; BENCH_CLI=path/to/flexmeasures.dll to skip the build)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs=${BENCH_RUNS:-7}
port=${BENCH_PGPORT:-55434}
say() { printf 'bench-schedule: %s\n' "$*" >&2; }

source "$root/scripts/lib/private-postgres.sh"
trap private_postgres_stop EXIT
say "starting a PostgreSQL cluster of its own on 127.0.0.1:$port"
private_postgres_start "$port"
work="$pg_work"

# BENCH_CLI: a flexmeasures.dll already built in Release (skips the build).
cli=${BENCH_CLI:-}
if [ -z "$cli" ]; then
    say "building (Release)"
    dotnet build src/FlexMeasures.Cli -c Release -o "$work/cli" -v q -nologo >/dev/null
    cli="$work/cli/flexmeasures.dll"
fi
fm() { dotnet "$cli" "$@"; }
say "building the benchmark helper (Release)"
dotnet build benchmarks/FlexMeasures.Benchmarks -c Release -o "$work/bench" -v q -nologo >/dev/null

fm db upgrade >/dev/null
fm add account --name Bench >/dev/null
fm add asset-type --name battery >/dev/null
fm add asset --name battery --asset-type 1 --account 1 >/dev/null
fm add sensor --name power --unit MW --event-resolution PT15M --timezone Europe/Amsterdam --asset 1 >/dev/null
fm add sensor --name "state of charge" --unit MWh --event-resolution PT0M --timezone Europe/Amsterdam --asset 1 >/dev/null
fm add sensor --name prices --unit EUR/MWh --event-resolution PT1H --timezone Europe/Amsterdam --asset 1 >/dev/null
fm add source --name market >/dev/null
dotnet "$work/bench/FlexMeasures.Benchmarks.dll" prices "$work/prices.csv"
fm add beliefs "$work/prices.csv" --sensor 3 --source market --prior 2024-12-30T12:00:00+00:00 >/dev/null

flex_model='{"soc-at-start": "0.5 MWh", "soc-min": "0.1 MWh", "soc-max": "2 MWh", "power-capacity": "1 MW", "roundtrip-efficiency": "90%", "state-of-charge": {"sensor": 2}}'
flex_context='{"consumption-price": {"sensor": 3}}'
times=()
for i in $(seq 1 "$runs"); do
    out=$(fm add schedule --sensor 1 --start 2025-01-01T00:00:00+00:00 --duration P2D --prior "2024-12-31T12:$(printf '%02d' "$i"):00+00:00" \
        --flex-model "$flex_model" --flex-context "$flex_context")
    line=$(grep '^Job time' <<<"$out")
    echo "run $i: $line"
    times+=("$(sed -E 's/^Job time: ([0-9]+) ms.*/\1/' <<<"$line")")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
stored=$(private_psql -tA -c "SELECT count(*) FROM timed_belief WHERE sensor_id = 1")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo
echo "machine: $(nproc) cores ($cpu), load average $(cut -d' ' -f1-3 /proc/loadavg), PostgreSQL $($pg_bin/postgres --version | awk '{print $3}'), .NET $(dotnet --version)"
echo "2-day 15-minute battery schedule (192 steps), read prices + solve + store: median job time ${median} ms over $runs runs (target < 500 ms); $stored power beliefs stored"
