#!/usr/bin/env bash
# Backtests the forecast models on real series served by the package registries (docs/decisions/0005):
#   taylor          half-hourly electricity demand of England and Wales, 5 June - 27 August 2000 (Debian r-cran-forecast)
#   seattle-temps   hourly temperature at Seattle, 2010 (npm vega-datasets 1.x)
#   sf-temps        hourly temperature at San Francisco, 2010 (npm vega-datasets 1.x)
#   seattle-daily   daily maximum temperature at Seattle, 2012-2015 (npm vega-datasets 3.x)
# Installs what it needs (apt as root, npm into artifacts/), writes CSVs to artifacts/real-data/, loads them into a
# fresh SQLite database with `add beliefs` and runs `forecasts backtest --quantiles 0.1 0.9 --json` per series and
# model, then prints two tables per series: MAPE per horizon and model beside the naive baselines, and per model and
# horizon the coverage of the 0.1-0.9 interval (nominal 80 %) and the mean pinball loss. Nothing here is committed data.
# Usage: scripts/forecast-real-data.sh [MODEL…]   (default: auto double-seasonal linear-OLS)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/real-data"
models=("${@:-auto double-seasonal linear-OLS}")
read -r -a models <<< "${models[*]}"
mkdir -p "$out"

if ! Rscript -e 'suppressMessages(library(forecast))' >/dev/null 2>&1; then
    echo "Installing r-cran-forecast (R and the forecast package, ~100 MB) with apt-get…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-cran-forecast >/dev/null
fi

if [ ! -d "$out/npm/v1" ] || [ ! -d "$out/npm/v3" ]; then
    rm -rf "$out/npm" && mkdir -p "$out/npm"
    (cd "$out/npm" && npm pack --silent vega-datasets@1.31.1 vega-datasets@3.2.1 >/dev/null \
        && mkdir v1 v3 && tar xzf vega-datasets-1.31.1.tgz -C v1 && tar xzf vega-datasets-3.2.1.tgz -C v3)
fi

# CSV files: event_start (UTC, ISO 8601), value.
Rscript -e '
suppressMessages(library(forecast))
t <- seq(as.POSIXct("2000-06-05 00:00", tz = "UTC"), by = "30 min", length.out = length(taylor))
write.csv(data.frame(event_start = format(t, "%Y-%m-%dT%H:%M:%SZ"), value = as.numeric(taylor)), "'"$out"'/taylor.csv", row.names = FALSE, quote = FALSE)'
python3 - "$out" <<'PY'
import csv, sys
from datetime import datetime, timezone
out = sys.argv[1]
def convert(source, target, column, date_only=False):
    with open(source) as f, open(target, "w") as g:
        g.write("event_start,value\n")
        for row in csv.DictReader(f):
            if date_only:
                moment = row["date"] + "T00:00:00Z"
            else:
                moment = datetime.fromisoformat(row["date"]).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            g.write(f"{moment},{row[column]}\n")
convert(f"{out}/npm/v1/package/data/seattle-temps.csv", f"{out}/seattle-temps.csv", "temp")
convert(f"{out}/npm/v1/package/data/sf-temps.csv", f"{out}/sf-temps.csv", "temp")
convert(f"{out}/npm/v3/package/data/seattle-weather.csv", f"{out}/seattle-daily.csv", "temp_max", date_only=True)
PY

export FLEXMEASURES_DATABASE_URL="sqlite:///$out/real-data.db" Forecasting__OnNewData=false
rm -f "$out/real-data.db"
fm() { "$root/scripts/flexmeasures" "$@"; }
created_id() { "$root/scripts/flexmeasures" "$@" | sed -n 's/.* created with id \([0-9]*\)\./\1/p'; }
fm db upgrade >/dev/null
account_id=$(created_id add account --name "Real data")
type_id=$(created_id add asset-type --name "series")
asset_id=$(created_id add asset --name "real series" --asset-type "$type_id" --account "$account_id")
fm add source --name "registry data" --type user >/dev/null

# name, unit, resolution, train until, test until, horizons
series=(
    "taylor MW PT30M 2000-07-10 2000-08-28 1,6,24,48"
    "seattle-temps °F PT1H 2010-03-01 2011-01-01 1,6,24,48"
    "sf-temps °F PT1H 2010-03-01 2011-01-01 1,6,24,48"
    "seattle-daily °C P1D 2013-01-01 2016-01-01 24,48"
)
for spec in "${series[@]}"; do
    read -r name unit resolution train test horizons <<< "$spec"
    sensor=$(created_id add sensor --name "$name" --unit "$unit" --event-resolution "$resolution" --timezone UTC --asset "$asset_id")
    fm add beliefs "$out/$name.csv" --sensor "$sensor" --source "registry data" --horizon PT0H >/dev/null
    for model in "${models[@]}"; do
        fm forecasts backtest --sensor "$sensor" --model "$model" --train-from 2000-01-01 --train-until "$train" --test-until "$test" \
            $(for h in ${horizons//,/ }; do printf -- '--horizon %s ' "$h"; done) --quantiles 0.1 0.9 --json > "$out/$name.$model.json"
    done
done

python3 - "$out" "${models[@]}" <<'PY'
import json, sys
out, models = sys.argv[1], sys.argv[2:]
names = ["taylor", "seattle-temps", "sf-temps", "seattle-daily"]
pct = lambda v: "" if v is None else f"{100 * v:.2f}"
def table(name, rows, title, lead_headers, lead, cell):
    first = rows[models[0]]
    print(f"\n{name}: {title}")
    print("| " + " | ".join(lead_headers + models) + " |")
    print("|" + "---|" * (len(lead_headers) + len(models)))
    for i, r in enumerate(first):
        print("| " + " | ".join(lead(r) + [cell(rows[m][i]) for m in models]) + " |")
def mape(x):
    return f"{pct(x['mape'])} ({'+' if (x['improvement'] or 0) >= 0 else ''}{pct(x['improvement'])} %)"
def interval(x):
    return f"{pct(x.get('coverage'))} / {'' if x.get('pinball') is None else format(x['pinball'], '.3g')}"
for name in names:
    rows = {m: json.load(open(f"{out}/{name}.{m}.json")) for m in models}
    table(name, rows, "MAPE % per horizon (events); improvement over the best of naive / daily / weekly seasonal naive",
          ["horizon", "events", "naive", "daily", "weekly"],
          lambda r: [r["horizon"], str(r["events"]), pct(r["naive_mape"]), pct(r["seasonal_naive_daily_mape"]), pct(r["seasonal_naive_weekly_mape"])], mape)
    table(name, rows, "coverage % of the 0.1-0.9 interval (nominal 80 %) / mean pinball loss (unit of the series), per horizon",
          ["horizon"], lambda r: [r["horizon"]], interval)
PY
