#!/usr/bin/env bash
# Times the data behind an asset page's graph: GET /api/v3_0/assets/<id>/chart_data for one year of an asset with
# 5 sensors of 15-minute data, 3 beliefs per event (a measurement, and forecasts 6 h and 24 h ahead from a
# forecaster), on a PostgreSQL cluster and a server of its own (loopback; ports ${BENCH_PGPORT:-55436} and
# ${BENCH_HTTP_PORT:-5058}). The answer holds per sensor the measured and the latest forecast series, each
# reduced on the server to at most 3000 points. Target: under 200 ms per request.
# Usage: scripts/bench-ui.sh     (BENCH_RUNS overrides the number of timed requests; needs root for the cluster)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs=${BENCH_RUNS:-21}
port=${BENCH_PGPORT:-55436}
http_port=${BENCH_HTTP_PORT:-5058}
say() { printf 'bench-ui: %s\n' "$*" >&2; }

source "$root/scripts/lib/private-postgres.sh"
trap private_postgres_stop EXIT
say "starting a PostgreSQL cluster of its own on 127.0.0.1:$port"
private_postgres_start "$port"
sql() { private_psql "$@"; }

say "building (Release)"
private_platform_build

fm db upgrade >/dev/null
fm add initial-structure >/dev/null
fm add account --name Charts >/dev/null
echo "chart-bench-password" | fm add user --username charts --email charts@example.org --account 1 --password-stdin >/dev/null
fm add asset --name site --asset-type 6 --account 1 >/dev/null
for s in 1 2 3 4 5; do
    fm add sensor --name "site meter $s" --unit kW --event-resolution PT15M --timezone Europe/Amsterdam --asset 1 >/dev/null
done
fm add source --name meter >/dev/null
fm add source --name forecaster --type forecaster --model bench >/dev/null
meter=$(sql -tA -c "SELECT id FROM data_source WHERE name = 'meter'")
forecaster=$(sql -tA -c "SELECT id FROM data_source WHERE name = 'forecaster'")

say "5 sensors x 35,040 quarter-hours of 2025 x 3 beliefs"
sql -c "SET session_replication_role = replica" -c "
    INSERT INTO timed_belief (event_start, belief_horizon, cumulative_probability, event_value, sensor_id, source_id)
    SELECT t, h, 0.5, round((50 + 40 * sin(extract(epoch FROM t) / 7200) + 10 * random())::numeric, 3), s,
           CASE WHEN h = interval '0' THEN $meter ELSE $forecaster END
    FROM generate_series(timestamptz '2025-01-01 00:00+00', timestamptz '2025-12-31 23:45+00', interval '15 minutes') t,
         generate_series(1, 5) s,
         (VALUES (interval '0'), (interval '6 hours'), (interval '24 hours')) hz(h)" -c "VACUUM ANALYZE timed_belief"

say "starting the server on 127.0.0.1:$http_port"
private_platform_serve "$http_port"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo "machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB, PostgreSQL $($pg_bin/postgres --version | awk '{print $3}'), .NET $(dotnet --version)"
bench chart "http://127.0.0.1:$http_port" charts@example.org chart-bench-password 1 2025-01-01T00:00:00Z 365 "$runs"
