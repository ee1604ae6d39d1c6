#!/usr/bin/env bash
# Times forecasting on one year of 15-minute data (35,040 events) at 4 horizons (1, 6, 24, 48 h), per model, on the
# embedded default (SQLite), process start included: `forecasts backtest` (train until 1 Mar, test to the year's end,
# rolling origin) and `add forecasts` over the whole year (139,844 forecasts stored per model); then LightGBM's cost
# per sensor and horizon: `add forecasts --model lightgbm` for the year's last day, one horizon at a time (one
# training on the year known at the week's start, plus the day's forecasts).
# The series is generated here: a daily and weekly cycle with a slow drift and noise (timing only; accuracy is judged
# on real series by scripts/forecast-real-data.sh). Non-interactive; prints one line per model and command and a
# SUMMARY line, with the load average beside them.
# Usage: scripts/bench-forecast.sh [MODEL…]   (default: naive linear-OLS double-seasonal auto; a year of lightgbm
# retrains weekly per horizon, 52 × 4 trainings, so it is timed per training below instead)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/bench-forecast"
models=("${@:-naive linear-OLS double-seasonal auto}")
read -r -a models <<< "${models[*]}"
mkdir -p "$out"
say() { printf 'bench-forecast: %s\n' "$*" >&2; }

python3 - "$out/year.csv" <<'PY'
import csv, math, random, sys
from datetime import datetime, timedelta, timezone
random.seed(7)
start = datetime(2025, 1, 1, tzinfo=timezone.utc)
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["event_start", "value"])
    for i in range(365 * 96):
        t = start + timedelta(minutes=15 * i)
        hour = t.hour + t.minute / 60
        daily = math.sin(2 * math.pi * (hour - 7) / 24) + 0.5 * math.sin(4 * math.pi * hour / 24)
        weekly = 0.7 if t.weekday() >= 5 else 1.0
        drift = 1 + 0.2 * math.sin(2 * math.pi * i / (365 * 96))
        w.writerow([t.strftime("%Y-%m-%dT%H:%M:%SZ"), f"{drift * (10 + 3 * daily * weekly) + random.gauss(0, 0.4):.4f}"])
PY

say "building the CLI (Release)"
dotnet build "$root/src/FlexMeasures.Cli" -c Release -v q -nologo >/dev/null
export FLEXMEASURES_DATABASE_URL="sqlite:///$out/bench.db" Forecasting__OnNewData=false
rm -f "$out/bench.db"
fm() { "$root/scripts/flexmeasures" "$@"; }
created_id() { "$root/scripts/flexmeasures" "$@" | sed -n 's/.* created with id \([0-9]*\)\./\1/p'; }
fm db upgrade >/dev/null
account=$(created_id add account --name "Bench")
type=$(created_id add asset-type --name "site")
asset=$(created_id add asset --name "site" --asset-type "$type" --account "$account")
fm add source --name "meter" --type user >/dev/null

summary=()
for model in "${models[@]}"; do
    sensor=$(created_id add sensor --name "demand $model" --unit kW --event-resolution PT15M --timezone UTC --asset "$asset")
    fm add beliefs "$out/year.csv" --sensor "$sensor" --source meter --horizon PT0H >/dev/null
    began=$(date +%s.%N)
    fm forecasts backtest --sensor "$sensor" --model "$model" --train-from 2025-01-01 --train-until 2025-03-01 --test-until 2026-01-01 \
        --horizon 1 --horizon 6 --horizon 24 --horizon 48 --json > "$out/backtest.$model.json"
    backtest=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$began" "$(date +%s.%N)")
    began=$(date +%s.%N)
    stored=$(fm add forecasts --sensor "$sensor" --model "$model" --from 2025-01-01 --until 2026-01-01 --horizon 1 --horizon 6 --horizon 24 --horizon 48 \
        | tee "$out/add.$model.txt" | sed -n 's/^In all: \([0-9]*\) stored.*/\1/p' | tail -1)
    added=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$began" "$(date +%s.%N)")
    printf '%-16s backtest %7s s   add forecasts %7s s (%s stored)   load %s\n' "$model" "$backtest" "$added" "${stored:-?}" "$(cut -d' ' -f1-3 /proc/loadavg)"
    summary+=("$model: backtest ${backtest} s, add ${added} s")
done
sensor=$(created_id add sensor --name "demand lightgbm" --unit kW --event-resolution PT15M --timezone UTC --asset "$asset")
fm add beliefs "$out/year.csv" --sensor "$sensor" --source meter --horizon PT0H >/dev/null
for horizon in 1 6 24 48; do
    began=$(date +%s.%N)
    fm add forecasts --sensor "$sensor" --model lightgbm --from 2025-12-31 --until 2026-01-01 --horizon "$horizon" > "$out/add.lightgbm.$horizon.txt"
    took=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$began" "$(date +%s.%N)")
    printf 'lightgbm %2s h     one training + a day of forecasts %5s s (process start included)   load %s\n' "$horizon" "$took" "$(cut -d' ' -f1-3 /proc/loadavg)"
    summary+=("lightgbm ${horizon} h: ${took} s")
done
printf 'machine: %s cores, .NET %s\n' "$(nproc)" "$(dotnet --version)"
( IFS=';'; printf 'SUMMARY bench-forecast: one year of 15-minute data, 4 horizons, SQLite: %s\n' "${summary[*]}" )
