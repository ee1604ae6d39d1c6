# Sourced by scripts/bench.sh, scripts/loadtest.sh and scripts/bench-scale.sh: a PostgreSQL 15 cluster of their own,
# on loopback only, with its data in a temporary folder that goes away with it, and the platform built and served
# against it.
#   private_postgres_start PORT    -> sets $pg_work (the folder) and exports FLEXMEASURES_DATABASE_URL (database "bench")
#   private_postgres_stop          -> stops the server (if served) and the cluster, removes the folder
#   private_psql ARGS...           -> psql as superuser on that database
#   private_platform_build         -> the CLI and the benchmarks (Release) into $pg_work; then `fm ARGS` and `bench ARGS`
#   private_platform_serve PORT    -> `flexmeasures run` on 127.0.0.1:PORT (no forecasting on new data), once it answers
# Needs root (it runs the server as the postgres user). Installs the Debian packages it needs.

pg_bin=/usr/lib/postgresql/15/bin

private_postgres_install() {
    local need=()
    [ -x "$pg_bin/initdb" ] || need+=(postgresql)
    [ -x /usr/bin/time ] || need+=(time)
    command -v bc >/dev/null 2>&1 || need+=(bc)
    command -v curl >/dev/null 2>&1 || need+=(curl)
    if [ ${#need[@]} -gt 0 ]; then
        echo "installing ${need[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null
    fi
}

private_postgres_start() {
    private_pg_port=$1
    private_postgres_install
    pg_work=$(mktemp -d /tmp/fm-pg.XXXXXX)
    chown postgres "$pg_work"
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_work/pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_work/pgdata" -l "$pg_work/pg.log" -w \
        -o "-c listen_addresses=127.0.0.1 -c port=$private_pg_port -c unix_socket_directories=$pg_work -c shared_buffers=512MB -c max_wal_size=4GB -c max_connections=200" \
        start >/dev/null
    psql -h 127.0.0.1 -p "$private_pg_port" -U postgres -d postgres -q -c "CREATE DATABASE bench"
    export FLEXMEASURES_DATABASE_URL="postgresql://postgres@127.0.0.1:$private_pg_port/bench"
}

private_postgres_stop() {
    [ -z "${private_server_pid:-}" ] || kill "$private_server_pid" 2>/dev/null || true
    [ -n "${pg_work:-}" ] || return 0
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_work/pgdata" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_work"
}

private_psql() { psql -h 127.0.0.1 -p "$private_pg_port" -U postgres -d bench -v ON_ERROR_STOP=1 -q "$@"; }

private_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

private_platform_build() {
    dotnet build "$private_root/src/FlexMeasures.Cli" -c Release -o "$pg_work/cli" -v q -nologo >/dev/null
    dotnet build "$private_root/benchmarks/FlexMeasures.Benchmarks" -c Release -o "$pg_work/bench" -v q -nologo >/dev/null
}

fm() { dotnet "$pg_work/cli/flexmeasures.dll" "$@"; }
bench() { dotnet "$pg_work/bench/FlexMeasures.Benchmarks.dll" "$@"; }

private_platform_serve() {
    local port=$1
    # Forecasting on new data would add work the measurements do not count, and the API's rate limits would turn the
    # load into 429s. dotnet itself goes to the background (not the fm function, whose subshell would be what $! names),
    # so stopping kills the server.
    FLEXMEASURES_FORECAST_ON_NEW_DATA=false Forecasting__OnNewData=false RATELIMIT_ENABLED=false \
        dotnet "$pg_work/cli/flexmeasures.dll" run --urls "http://127.0.0.1:$port" >"$pg_work/server.log" 2>&1 &
    private_server_pid=$!
    for _ in $(seq 1 60); do
        curl -sf "http://127.0.0.1:$port/api/ops/ping" >/dev/null && return 0
        sleep 1
    done
    echo "the server on 127.0.0.1:$port did not answer within 60 s; its log: $pg_work/server.log" >&2
    return 1
}
