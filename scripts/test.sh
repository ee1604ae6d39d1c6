#!/usr/bin/env bash
# scripts/test.sh — start the test services, build the solution, run every test project.
#
#   scripts/test.sh [extra dotnet test args...]     e.g.  scripts/test.sh --filter "Category!=Slow"
#
# The very last line of output is always
#   tests: <passed> passed, <failed> failed
# (summed over the .trx files of all test projects). Exit status is non-zero if the
# services or the build failed, any `dotnet test` failed, any test failed, or no test
# ran at all; in the first and last cases the line reads `tests: 0 passed, 1 failed`.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

results="$repo/artifacts/test-results"
summary_printed=0

say() { printf 'test.sh: %s\n' "$*" >&2; }
summary() {  # summary <passed> <failed>
    summary_printed=1
    printf 'tests: %s passed, %s failed\n' "$1" "$2"
}
# Whatever goes wrong unexpectedly, CI still gets a summary line last.
on_exit() {
    local rc=$?
    if [ "$summary_printed" = 0 ]; then
        [ "$rc" -ne 0 ] || rc=1
        say "aborted unexpectedly"
        summary 0 1
    fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE="${DOTNET_SKIP_FIRST_TIME_EXPERIENCE:-1}"
# CI is passed through unchanged (set by .ci/run or the CI system, or unset locally).

# --- services (exports FLEXMEASURES_TEST_PG / FLEXMEASURES_TEST_REDIS) -----------
if ! source "$repo/scripts/services.sh"; then
    say "could not start the test services (PostgreSQL / Redis)"
    summary 0 1
    exit 1
fi
export FLEXMEASURES_TEST_PG FLEXMEASURES_TEST_REDIS

# --- build ------------------------------------------------------------------------
say "building FlexMeasures.slnx (Release, warnings as errors)"
if ! dotnet build FlexMeasures.slnx -c Release -warnaserror -v q -nologo; then
    say "build FAILED"
    summary 0 1
    exit 1
fi

# --- test -------------------------------------------------------------------------
rm -rf "$results"
mkdir -p "$results"

projects=()
if [ -d tests ]; then
    while IFS= read -r -d '' p; do projects+=("$p"); done < <(
        find tests \( -name bin -o -name obj \) -prune -o -type f -name '*.Tests.csproj' -print0 | sort -z)
fi
if [ "${#projects[@]}" -eq 0 ]; then
    say "no *.Tests.csproj found under tests/"
    summary 0 1
    exit 1
fi

# trx_counts <file.trx>  ->  "<passed> <failed>"   (failed includes error/timeout/aborted)
trx_counts() {
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception as e:
    print(f"test.sh: cannot parse {sys.argv[1]}: {e}", file=sys.stderr)
    print("0 1"); sys.exit(0)
c = next((el for el in root.iter() if el.tag == "Counters" or el.tag.endswith("}Counters")), None)
if c is None:
    print(f"test.sh: no <Counters> in {sys.argv[1]}", file=sys.stderr)
    print("0 1"); sys.exit(0)
n = lambda k: int(c.get(k, "0") or 0)
print(n("passed"), n("failed") + n("error") + n("timeout") + n("aborted"))
PY
    else
        local counters get
        counters="$(grep -o '<Counters [^>]*>' "$1" | head -n 1)" || true
        if [ -z "$counters" ]; then echo "test.sh: no <Counters> in $1" >&2; echo "0 1"; return; fi
        get() { local v; v="$(printf '%s' "$counters" | grep -o "[[:space:]]$1=\"[0-9]*\"" | grep -o '[0-9][0-9]*')" || true; echo "${v:-0}"; }
        echo "$(get passed) $(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))"
    fi
}

total_passed=0
total_failed=0
failed_projects=()
for proj in "${projects[@]}"; do
    name="$(basename "$proj" .csproj)"
    say "testing $name"
    rc=0
    dotnet test "$proj" --no-build -c Release --nologo \
        --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || rc=$?

    trx="$results/$name.trx"
    if [ -f "$trx" ]; then
        read -r p f < <(trx_counts "$trx")
    else
        say "$name: no $trx written"
        p=0; f=0
    fi
    if [ "$rc" -ne 0 ]; then
        failed_projects+=("$name")
        # dotnet test failed without a recorded test failure (crash, abort, bad args):
        # count it as one failure so the summary line does not claim "0 failed".
        if [ "$f" -eq 0 ]; then f=1; say "$name: dotnet test exited $rc without a recorded test failure"; fi
    fi
    say "$name: $p passed, $f failed"
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + f))
done

status=0
if [ "${#failed_projects[@]}" -gt 0 ]; then
    say "dotnet test failed for: ${failed_projects[*]}"
    status=1
fi
[ "$total_failed" -eq 0 ] || status=1
if [ $((total_passed + total_failed)) -eq 0 ]; then
    say "no tests ran"
    summary 0 1
    exit 1
fi
summary "$total_passed" "$total_failed"
exit "$status"
