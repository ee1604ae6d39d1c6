#!/usr/bin/env bash
# Times scheduling jobs end to end on a PostgreSQL cluster of its own (loopback, port ${BENCH_PGPORT:-55434}): one
# battery, two days at 15 minutes (192 steps), hourly prices read from a sensor as of the belief time (FlexMeasures'
# own planning test prices, as the solver benchmark uses), solved with HiGHS, the power and SoC schedules stored as
# beliefs. The jobs run one after another in ONE process, as in a worker (benchmarks' `schedule-job`): job time =
# a DI scope, reading the inputs, building and solving the model, storing (one transaction); each job schedules the
# two days after the previous job's, so each stores a full schedule. The first job pays the JIT and loading OR-Tools; the target
# (< 0.5 s, issue 10) is about the warm jobs, which a worker running for days sees.
# Usage: scripts/bench-schedule.sh   (BENCH_RUNS jobs, default 15; BENCH_CLI=path/to/flexmeasures.dll and
# BENCH_HELPER=path/to/FlexMeasures.Benchmarks.dll skip the builds). Non-interactive; on a built tree well under
# 3 minutes (the builds then only check; the setup and the jobs take under a minute).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs=${BENCH_RUNS:-15}
port=${BENCH_PGPORT:-55434}
say() { printf 'bench-schedule: %s\n' "$*" >&2; }

source "$root/scripts/lib/private-postgres.sh"
trap private_postgres_stop EXIT
say "starting a PostgreSQL cluster of its own on 127.0.0.1:$port"
private_postgres_start "$port"
work="$pg_work"

# Built in place (bin/Release), so a tree that is already built only checks it; BENCH_CLI / BENCH_HELPER skip a build.
began=$SECONDS
cli=${BENCH_CLI:-}
if [ -z "$cli" ]; then
    say "building the CLI (Release)"
    dotnet build src/FlexMeasures.Cli -c Release -v q -nologo >/dev/null
    cli="$root/src/FlexMeasures.Cli/bin/Release/net10.0/flexmeasures.dll"
fi
fm() { dotnet "$cli" "$@"; }
helper=${BENCH_HELPER:-}
if [ -z "$helper" ]; then
    say "building the benchmark helper (Release)"
    dotnet build benchmarks/FlexMeasures.Benchmarks -c Release -v q -nologo >/dev/null
    helper="$root/benchmarks/FlexMeasures.Benchmarks/bin/Release/net10.0/FlexMeasures.Benchmarks.dll"
fi
say "builds took $((SECONDS - began)) s"

fm db upgrade >/dev/null
fm add account --name Bench >/dev/null
fm add asset-type --name battery >/dev/null
fm add asset --name battery --asset-type 1 --account 1 >/dev/null
fm add sensor --name power --unit MW --event-resolution PT15M --timezone Europe/Amsterdam --asset 1 >/dev/null
fm add sensor --name "state of charge" --unit MWh --event-resolution PT0M --timezone Europe/Amsterdam --asset 1 >/dev/null
fm add sensor --name prices --unit EUR/MWh --event-resolution PT1H --timezone Europe/Amsterdam --asset 1 >/dev/null
fm add source --name market >/dev/null
dotnet "$helper" prices "$work/prices.csv" $((2 * runs))
fm add beliefs "$work/prices.csv" --sensor 3 --source market --prior 2024-12-30T12:00:00+00:00 >/dev/null

say "setup took $((SECONDS - began)) s with the builds"
flex_model='{"soc-at-start": "0.5 MWh", "soc-min": "0.1 MWh", "soc-max": "2 MWh", "power-capacity": "1 MW", "roundtrip-efficiency": "90%", "state-of-charge": {"sensor": 2}}'
flex_context='{"consumption-price": {"sensor": 3}}'
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "running $runs scheduling jobs in one process (uptime: $(uptime))"
out=$(dotnet "$helper" schedule-job "$runs" 1 2025-01-01T00:00:00+00:00 "$flex_model" "$flex_context")
echo "$out"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
stored=$(private_psql -tA -c "SELECT count(*) FROM timed_belief WHERE sensor_id = 1")
first=$(sed -nE 's/^first job: ([0-9.]+) ms.*/\1/p' <<<"$out")
warm=$(sed -nE 's/^warm jobs: median ([0-9.]+) ms.*/\1/p' <<<"$out")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo
echo "machine: $(nproc) cores ($cpu), load average before $load_before, after $load_after, PostgreSQL $($pg_bin/postgres --version | awk '{print $3}'), .NET $(dotnet --version)"
echo "SUMMARY bench-schedule: 2-day 15-minute battery job (192 steps; read prices + solve + store): warm median ${warm} ms over $((runs - 1)) jobs (target < 500 ms), first job in the process ${first} ms; $stored power beliefs stored; load average $load_after"
