#!/usr/bin/env bash
# Backtests the holiday regressor (docs/decisions/0025) on a real series with holiday dips, served by Debian:
#   chicago   daily entries (thousands) at the Clark/Lake station of Chicago's L trains, 22 January 2001 -
#             28 August 2016 (r-cran-modeldata's `Chicago`, from the City of Chicago's open data portal)
# Installs r-cran-modeldata with apt (as root; a few MB besides R, which scripts/forecast-real-data.sh also needs),
# writes a CSV to artifacts/real-data/, loads it into a fresh SQLite database with `add beliefs`, adds the US public
# holidays of every year to the asset with `add holidays`, and runs `forecasts backtest --json` per model twice:
# with `--without-holidays` and without it. Prints MAE and MAPE on the holiday events and on all test events,
# without / with the holidays, per model and horizon. Nothing here is committed data.
# Usage: scripts/forecast-holidays-real-data.sh [MODEL…]   (default: seasonal-naive linear-OLS lightgbm)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/real-data"
models=("${@:-seasonal-naive linear-OLS lightgbm}")
read -r -a models <<< "${models[*]}"
mkdir -p "$out"

if ! Rscript -e 'invisible(find.package("modeldata"))' >/dev/null 2>&1; then
    echo "Installing r-cran-modeldata (R and the modeldata package) with apt-get…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-cran-modeldata >/dev/null
fi

# The station's days are Chicago's calendar days; the sensor keeps them as UTC days so each event is one date
# (a P1D sensor in America/Chicago would start its days at 05:00 or 06:00 UTC as daylight saving changes).
Rscript -e '
x <- modeldata::Chicago
write.csv(data.frame(event_start = format(x$date, "%Y-%m-%dT00:00:00Z"), value = x$ridership), "'"$out"'/chicago.csv", row.names = FALSE, quote = FALSE)'

export FLEXMEASURES_DATABASE_URL="sqlite:///$out/holidays.db" Forecasting__OnNewData=false
rm -f "$out/holidays.db"
fm() { "$root/scripts/flexmeasures" "$@"; }
created_id() { "$root/scripts/flexmeasures" "$@" | sed -n 's/.* created with id \([0-9]*\)\./\1/p'; }
fm db upgrade >/dev/null
account_id=$(created_id add account --name "Real data")
type_id=$(created_id add asset-type --name "station")
asset_id=$(created_id add asset --name "Clark/Lake" --asset-type "$type_id" --account "$account_id")
fm add source --name "registry data" --type user >/dev/null
sensor=$(created_id add sensor --name "entries" --unit "" --event-resolution P1D --timezone UTC --asset "$asset_id")
fm add beliefs "$out/chicago.csv" --sensor "$sensor" --source "registry data" --horizon PT0H >/dev/null
for year in $(seq 2001 2016); do
    fm add holidays --year "$year" --country US --asset "$asset_id" --timezone UTC >/dev/null
done

train_until=2012-01-01
test_until=2016-08-29
for model in "${models[@]}"; do
    for mode in without with; do
        flag=$([ "$mode" = without ] && echo --without-holidays || true)
        fm forecasts backtest --sensor "$sensor" --model "$model" --train-from 2001-01-22 --train-until "$train_until" \
            --test-until "$test_until" --horizon 24 --horizon 48 $flag --json > "$out/chicago.$model.$mode.json"
    done
done

python3 - "$out" "${models[@]}" <<'PY'
import json, sys
out, models = sys.argv[1], sys.argv[2:]
f = lambda v, p: "" if v is None else (f"{100 * v:.1f} %" if p else f"{v:.2f}")
print("\nchicago (Clark/Lake entries, thousands a day; test 2012-01-01 to 2016-08-28): without / with the US holidays")
print("| model | horizon | holiday events | MAE on holidays | MAPE on holidays | MAE overall | MAPE overall |")
print("|---|---|---|---|---|---|---|")
for m in models:
    without, with_ = (json.load(open(f"{out}/chicago.{m}.{mode}.json")) for mode in ("without", "with"))
    for a, b in zip(without, with_):
        print(f"| {m} | {a['horizon']} | {a.get('holiday_events')} | {f(a.get('holiday_mae'), 0)} / {f(b.get('holiday_mae'), 0)} "
              f"| {f(a.get('holiday_mape'), 1)} / {f(b.get('holiday_mape'), 1)} | {f(a['mae'], 0)} / {f(b['mae'], 0)} "
              f"| {f(a['mape'], 1)} / {f(b['mape'], 1)} |")
PY
