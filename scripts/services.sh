#!/usr/bin/env bash
# scripts/services.sh — bring up the local services the test-suite needs.
#
#   * PostgreSQL (Debian cluster, default 15/main) listening only on 127.0.0.1:${PGPORT:-5432}
#       - role flexmeasures_test  / flexmeasures_test   (LOGIN, CREATEDB, not superuser)
#       - role flexmeasures_nopriv / flexmeasures_nopriv (LOGIN, no CREATEDB)
#       - database flexmeasures_test owned by flexmeasures_test, with cube + earthdistance
#       - database flexmeasures_test_template (same, IS_TEMPLATE): earthdistance is not a
#         trusted extension, so tests needing a fresh database with it should
#         CREATE DATABASE ... TEMPLATE flexmeasures_test_template
#   * Redis on 127.0.0.1:${REDIS_PORT:-6379}
#   * graphviz (`dot`)
#
# Idempotent: safe to run any number of times; a second run only checks.
#
# Usage:
#   source scripts/services.sh        # exports FLEXMEASURES_TEST_PG / FLEXMEASURES_TEST_REDIS
#                                     #   (and FLEXMEASURES_TEST_PG_TEMPLATE)
#   scripts/services.sh               # same work; prints `export ...` lines on stdout, so
#   eval "$(scripts/services.sh)"     #   this also works
#
# Progress goes to stderr. On failure: a clear message and a non-zero status
# (`return` when sourced, `exit` when executed). The caller's shell options are
# never changed: all the work happens in a subshell.
#
# Environment overrides (all optional):
#   PGPORT            PostgreSQL port (default 5432)
#   REDIS_PORT        Redis port (default 6379)
#   FM_PG_VERSION     PostgreSQL major version (default: newest installed, else 15)
#   FM_PG_CLUSTER     Debian cluster name (default main)
#   FM_PG_WAIT        seconds to wait for PostgreSQL (default 60)
#   FM_REDIS_WAIT     seconds to wait for Redis (default 30)
#   FM_SERVICES_QUIET=1   suppress progress lines (errors are still printed)

_fm_services_up() (
    set -uo pipefail
    # NB: deliberately no `set -e` — it is silently ignored when this runs inside
    # `if`/`||` in a caller, so every step checks its own status explicitly.

    pg_port="${PGPORT:-5432}"
    redis_port="${REDIS_PORT:-6379}"
    pg_cluster="${FM_PG_CLUSTER:-main}"
    pg_wait="${FM_PG_WAIT:-60}"
    redis_wait="${FM_REDIS_WAIT:-30}"
    pg_host=127.0.0.1
    redis_host=127.0.0.1

    test_role=flexmeasures_test
    test_pw=flexmeasures_test
    test_db=flexmeasures_test
    template_db=flexmeasures_test_template
    nopriv_role=flexmeasures_nopriv
    nopriv_pw=flexmeasures_nopriv

    # Connection settings of the caller must not leak into our own psql calls.
    unset PGHOST PGHOSTADDR PGUSER PGDATABASE PGPASSWORD PGPASSFILE PGSERVICE \
          PGSERVICEFILE PGOPTIONS PGSSLMODE PGREQUIRESSL PGTARGETSESSIONATTRS
    export PGCONNECT_TIMEOUT=5

    log() { [ "${FM_SERVICES_QUIET:-0}" = 1 ] || printf 'services: %s\n' "$*" >&2; }
    die() { printf 'services: ERROR: %s\n' "$*" >&2; exit 1; }

    case "$pg_port" in ''|*[!0-9]*) die "PGPORT must be a number (got '$pg_port')";; esac
    case "$redis_port" in ''|*[!0-9]*) die "REDIS_PORT must be a number (got '$redis_port')";; esac

    # --- privilege helpers ---------------------------------------------------
    as_root() {
        if [ "$(id -u)" -eq 0 ]; then "$@"
        elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
        else echo "services: need root (or passwordless sudo) to run: $*" >&2; return 1
        fi
    }
    as_postgres() {
        # cd / so psql does not complain about an unreadable working directory
        if [ "$(id -un)" = postgres ]; then (cd / && "$@")
        elif [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@")
        elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then (cd / && sudo -n -u postgres -- "$@")
        else echo "services: need root, user postgres or passwordless sudo to run: $*" >&2; return 1
        fi
    }

    # --- 1. packages ---------------------------------------------------------
    newest_pg_version() {
        local d v best=""
        for d in /usr/lib/postgresql/*/bin/postgres; do
            [ -x "$d" ] || continue
            v="${d#/usr/lib/postgresql/}"; v="${v%%/*}"
            case "$v" in *[!0-9]*) continue;; esac
            if [ -z "$best" ] || [ "$v" -gt "$best" ]; then best="$v"; fi
        done
        printf '%s' "$best"
    }

    need=()
    pg_version="${FM_PG_VERSION:-$(newest_pg_version)}"
    if [ -z "$pg_version" ] || [ ! -x "/usr/lib/postgresql/$pg_version/bin/postgres" ] \
       || ! command -v pg_ctlcluster >/dev/null 2>&1; then
        need+=(postgresql)
        [ -n "${FM_PG_VERSION:-}" ] && need+=("postgresql-$FM_PG_VERSION")
    fi
    if [ -n "$pg_version" ]; then
        # On Debian 12 cube/earthdistance ship inside postgresql-15; postgresql-contrib
        # is only pulled in if the extension files really are missing.
        ext_dir="/usr/share/postgresql/$pg_version/extension"
        if [ -x "/usr/lib/postgresql/$pg_version/bin/postgres" ] \
           && { [ ! -f "$ext_dir/cube.control" ] || [ ! -f "$ext_dir/earthdistance.control" ]; }; then
            need+=(postgresql-contrib)
        fi
    fi
    command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
    { command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; } || need+=(redis-server)
    command -v dot >/dev/null 2>&1 || need+=(graphviz)
    command -v curl >/dev/null 2>&1 || need+=(curl)
    command -v jq >/dev/null 2>&1 || need+=(jq)
    # The browser tests drive Debian's Chromium (Playwright with the system browser: no browser download).
    command -v chromium >/dev/null 2>&1 || need+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
    # LightGBM's native library (inside the LightGBM NuGet package) links OpenMP's runtime.
    ldconfig -p 2>/dev/null | grep -q 'libgomp\.so\.1' || need+=(libgomp1)

    if [ "${#need[@]}" -gt 0 ]; then
        command -v apt-get >/dev/null 2>&1 || die "missing packages (${need[*]}) and no apt-get to install them"
        log "installing: ${need[*]} (apt-get)"
        export DEBIAN_FRONTEND=noninteractive
        apt_log="$(mktemp "${TMPDIR:-/tmp}/services-apt.XXXXXX")" || die "mktemp failed"
        if ! as_root apt-get -o DPkg::Lock::Timeout=300 -q update >"$apt_log" 2>&1; then
            tail -n 20 "$apt_log" | sed 's/^/    /' >&2; die "apt-get update failed (full log: $apt_log)"
        fi
        if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
                -y -q --no-install-recommends install "${need[@]}" >>"$apt_log" 2>&1; then
            tail -n 20 "$apt_log" | sed 's/^/    /' >&2; die "apt-get install ${need[*]} failed (full log: $apt_log)"
        fi
        rm -f "$apt_log"
        pg_version="${FM_PG_VERSION:-$(newest_pg_version)}"
    fi

    [ -n "$pg_version" ] && [ -x "/usr/lib/postgresql/$pg_version/bin/postgres" ] \
        || die "no PostgreSQL server binaries found under /usr/lib/postgresql"
    for t in pg_ctlcluster pg_lsclusters pg_conftool pg_isready psql redis-server redis-cli dot; do
        command -v "$t" >/dev/null 2>&1 || die "'$t' still not available after installing packages"
    done
    ext_dir="/usr/share/postgresql/$pg_version/extension"
    [ -f "$ext_dir/cube.control" ] && [ -f "$ext_dir/earthdistance.control" ] \
        || die "cube/earthdistance extension files missing in $ext_dir"

    # --- 2. PostgreSQL cluster -----------------------------------------------
    pg_id="$pg_version/$pg_cluster"
    if ! pg_lsclusters -h 2>/dev/null | awk -v v="$pg_version" -v c="$pg_cluster" '$1==v && $2==c {f=1} END {exit !f}'; then
        log "creating PostgreSQL cluster $pg_id (port $pg_port)"
        as_root pg_createcluster --encoding UTF8 --locale C.UTF-8 -p "$pg_port" "$pg_version" "$pg_cluster" >&2 \
            || die "pg_createcluster $pg_version $pg_cluster failed"
    fi

    conf_get() { pg_conftool -s "$pg_version" "$pg_cluster" show "$1" 2>/dev/null; }
    conf_changed=0
    conf_dir="/etc/postgresql/$pg_version/$pg_cluster"
    [ -f "$conf_dir/postgresql.conf" ] || die "no $conf_dir/postgresql.conf for cluster $pg_id"

    # port: plain integer, so pg_conftool can set it in postgresql.conf itself
    # (pg_lsclusters / pg_ctlcluster read it from there).
    cur_port="$(conf_get port)"
    if [ "$cur_port" != "$pg_port" ]; then
        as_root pg_conftool "$pg_version" "$pg_cluster" set port "$pg_port" \
            || die "could not set port = $pg_port for cluster $pg_id"
        log "postgresql.conf ($pg_id): port = $pg_port (was ${cur_port:-<default>})"
        conf_changed=1
    fi

    # listen_addresses (and, if the snakeoil certificate Debian's ssl=on points at
    # is gone, ssl = off) go into a drop-in under conf.d: `pg_conftool set` would
    # write 127.0.0.1 unquoted (it looks like a number), which PostgreSQL rejects.
    dropin="$conf_dir/conf.d/flexmeasures-test.conf"
    want="# managed by scripts/services.sh (FlexMeasures test services)
listen_addresses = '$pg_host'"
    cert="$(conf_get ssl_cert_file)"; key="$(conf_get ssl_key_file)"
    if { [ -n "$cert" ] && [ ! -e "$cert" ]; } || { [ -n "$key" ] && [ ! -e "$key" ]; }; then
        want="$want
ssl = off"
    fi
    if [ "$(cat "$dropin" 2>/dev/null)" != "$want" ]; then
        as_root mkdir -p "$conf_dir/conf.d" \
            && printf '%s\n' "$want" | as_root tee "$dropin" >/dev/null \
            && as_root chown postgres:postgres "$dropin" \
            || die "could not write $dropin"
        log "wrote $dropin (listen_addresses = '$pg_host')"
        conf_changed=1
    fi
    [ "$(conf_get listen_addresses)" = "$pg_host" ] \
        || die "listen_addresses for $pg_id is '$(conf_get listen_addresses)', not '$pg_host' (overridden elsewhere in $conf_dir?)"

    # pg_hba: password (scram/md5) logins over TCP from 127.0.0.1 must be allowed.
    hba="$(conf_get hba_file)"; hba="${hba:-/etc/postgresql/$pg_version/$pg_cluster/pg_hba.conf}"
    if [ -f "$hba" ] && ! grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+(scram-sha-256|md5)([[:space:]]|$)' "$hba"; then
        log "pg_hba.conf: allowing scram-sha-256 logins from 127.0.0.1/32"
        tmp="$(mktemp)" || die "mktemp failed"
        # Insert before the first rule, so that no earlier rule shadows it.
        awk 'BEGIN{done=0} !done && $0 !~ /^[[:space:]]*(#|$)/ {print "host    all             all             127.0.0.1/32            scram-sha-256   # added by scripts/services.sh"; done=1} {print} END{if(!done) print "host    all             all             127.0.0.1/32            scram-sha-256   # added by scripts/services.sh"}' "$hba" >"$tmp" \
            && as_root cp "$tmp" "$hba" || { rm -f "$tmp"; die "could not update $hba"; }
        rm -f "$tmp"
        conf_changed=1
    fi

    pg_running() { pg_ctlcluster "$pg_version" "$pg_cluster" status >/dev/null 2>&1; }
    pg_logfile="/var/log/postgresql/postgresql-$pg_version-$pg_cluster.log"
    pg_fail() {
        printf 'services: ERROR: %s\n' "$*" >&2
        if [ -r "$pg_logfile" ]; then
            echo "services: last lines of $pg_logfile:" >&2
            tail -n 15 "$pg_logfile" | sed 's/^/    /' >&2
        fi
        exit 1
    }

    if pg_running; then
        if [ "$conf_changed" = 1 ]; then
            log "restarting PostgreSQL $pg_id to apply configuration"
            as_root pg_ctlcluster "$pg_version" "$pg_cluster" restart >&2 \
                || pg_fail "could not restart PostgreSQL cluster $pg_id"
        else
            log "PostgreSQL $pg_id already running"
        fi
    else
        log "starting PostgreSQL $pg_id on $pg_host:$pg_port"
        as_root mkdir -p /var/run/postgresql && as_root chown postgres:postgres /var/run/postgresql \
            && as_root chmod 2775 /var/run/postgresql || die "could not prepare /var/run/postgresql"
        as_root pg_ctlcluster "$pg_version" "$pg_cluster" start >&2 \
            || pg_fail "could not start PostgreSQL cluster $pg_id"
    fi

    waited=0
    until pg_isready -q -h "$pg_host" -p "$pg_port" -t 1; do
        waited=$((waited + 1))
        [ "$waited" -ge "$pg_wait" ] && pg_fail "PostgreSQL did not accept connections on $pg_host:$pg_port within ${pg_wait}s"
        sleep 1
    done

    # unix socket directory for superuser (peer) access
    sockdir="$(conf_get unix_socket_directories)"; sockdir="${sockdir%%,*}"; sockdir="${sockdir:-/var/run/postgresql}"
    su_psql() {  # su_psql <db> [psql args...]
        local db="$1"; shift
        as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$sockdir" -p "$pg_port" -d "$db" "$@"
    }
    su_psql postgres -Atc 'select 1' >/dev/null \
        || die "cannot connect as superuser postgres via $sockdir (port $pg_port)"

    # --- 3. roles, databases, extensions -------------------------------------
    su_psql postgres \
        -v role="$test_role" -v pw="$test_pw" \
        -v nprole="$nopriv_role" -v nppw="$nopriv_pw" <<'SQL' >/dev/null || die "could not create roles $test_role / $nopriv_role"
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
SELECT format('CREATE ROLE %I', :'nprole') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'nprole') \gexec
ALTER ROLE :"nprole" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'nppw';
SQL
    # $template_db: same content as $test_db, marked IS_TEMPLATE. earthdistance is
    # NOT a trusted extension (cube is), so a plain database owner cannot create it;
    # tests that need a fresh database with both extensions can use
    #   CREATE DATABASE foo TEMPLATE flexmeasures_test_template
    for db in "$test_db" "$template_db"; do
        [ "$db" = "$template_db" ] && is_template=true || is_template=false
        su_psql postgres -v role="$test_role" -v db="$db" -v is_template="$is_template" <<'SQL' >/dev/null \
            || die "could not create database $db"
SELECT format('CREATE DATABASE %I OWNER %I TEMPLATE template0 ENCODING %L LC_COLLATE %L LC_CTYPE %L',
              :'db', :'role', 'UTF8', 'C.UTF-8', 'C.UTF-8')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'role')
 WHERE (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :'db') <> :'role' \gexec
SELECT format('ALTER DATABASE %I IS_TEMPLATE %s', :'db', :'is_template')
 WHERE (SELECT datistemplate FROM pg_database WHERE datname = :'db') <> :'is_template'::boolean \gexec
SQL
        su_psql "$db" <<'SQL' >/dev/null || die "could not create extensions cube/earthdistance in $db"
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
SQL
    done

    # Databases a test made and could not drop (an autovacuum worker held on): remove those nobody uses.
    su_psql postgres <<'SQL' >/dev/null 2>&1 || log "could not remove leftover test databases (ignored)"
SELECT format('DROP DATABASE IF EXISTS %I', d.datname) FROM pg_database d
 WHERE d.datname LIKE 'fm\_test\_%' AND NOT EXISTS (SELECT FROM pg_stat_activity a WHERE a.datname = d.datname) \gexec
SQL

    # --- 4. verify password login over TCP -----------------------------------
    got="$(PGPASSWORD="$test_pw" psql -X -At -h "$pg_host" -p "$pg_port" -U "$test_role" -d "$test_db" \
           -c "select count(*) from pg_extension where extname in ('cube','earthdistance')" 2>&1)"
    [ "$got" = 2 ] || die "password login as $test_role@$pg_host:$pg_port/$test_db failed or extensions missing: $got"
    log "PostgreSQL ready: $test_role@$pg_host:$pg_port/$test_db (cube, earthdistance)"

    # --- 5. Redis ------------------------------------------------------------
    redis_ping() { [ "$(redis-cli -h "$redis_host" -p "$redis_port" ping 2>/dev/null)" = PONG ]; }
    if redis_ping; then
        log "Redis already answering on $redis_host:$redis_port"
    else
        log "starting Redis on $redis_host:$redis_port"
        if [ "$(id -u)" -eq 0 ] && id redis >/dev/null 2>&1; then
            rdir=/var/lib/redis; rlog=/var/log/redis/redis-server-fm-test.log
            rpid=/run/redis/redis-server-fm-test.pid
            mkdir -p "$rdir" /var/log/redis /run/redis && chown redis:redis "$rdir" /var/log/redis /run/redis \
                || die "could not prepare Redis directories"
            run_redis() { (cd / && runuser -u redis -- redis-server "$@"); }
        else
            rdir="${TMPDIR:-/tmp}/flexmeasures-redis-$(id -u)"; rlog="$rdir/redis.log"; rpid="$rdir/redis.pid"
            mkdir -p "$rdir" || die "could not create $rdir"
            run_redis() { redis-server "$@"; }
        fi
        run_redis --bind "$redis_host" --port "$redis_port" --daemonize yes \
                  --save '' --appendonly no --dir "$rdir" --logfile "$rlog" --pidfile "$rpid" >&2 \
            || die "redis-server failed to start (see $rlog)"
        waited=0
        until redis_ping; do
            waited=$((waited + 1))
            if [ "$waited" -ge "$redis_wait" ]; then
                [ -r "$rlog" ] && tail -n 10 "$rlog" | sed 's/^/    /' >&2
                die "Redis did not answer PING on $redis_host:$redis_port within ${redis_wait}s"
            fi
            sleep 1
        done
        log "Redis ready on $redis_host:$redis_port"
    fi
)

# Run; export only on success. The subshell keeps the caller's options intact.
if _fm_services_up; then
    unset -f _fm_services_up
    export FLEXMEASURES_TEST_PG="Host=127.0.0.1;Port=${PGPORT:-5432};Username=flexmeasures_test;Password=flexmeasures_test;Database=flexmeasures_test"
    export FLEXMEASURES_TEST_REDIS="127.0.0.1:${REDIS_PORT:-6379}"
    export FLEXMEASURES_TEST_PG_TEMPLATE="flexmeasures_test_template"
    if [ "${BASH_SOURCE[0]}" = "$0" ]; then
        # executed (not sourced): make `eval "$(scripts/services.sh)"` work
        printf "export FLEXMEASURES_TEST_PG='%s'\n" "$FLEXMEASURES_TEST_PG"
        printf "export FLEXMEASURES_TEST_REDIS='%s'\n" "$FLEXMEASURES_TEST_REDIS"
        printf "export FLEXMEASURES_TEST_PG_TEMPLATE='%s'\n" "$FLEXMEASURES_TEST_PG_TEMPLATE"
    fi
else
    _fm_services_rc=$?
    unset -f _fm_services_up
    echo "services: FAILED (status $_fm_services_rc)" >&2
    if [ "${BASH_SOURCE[0]}" = "$0" ]; then exit "$_fm_services_rc"; fi
    eval "unset _fm_services_rc; return $_fm_services_rc"
fi
