# shellcheck shell=bash
# The `postgres` service for scripts/services: PostgreSQL from Debian's postgresql package, the
# storage of FerretDB when FERRETDB_BACKEND is postgresql. One cluster per port under the cache,
# created on first start with the database `ferretdb` and its owner `ferretdb`, trusted on
# loopback only. PostgreSQL refuses to run as root: as root it runs as SUPERDESK_PG_USER.
# `synchronous_commit = off`: a commit is acknowledged before its WAL reaches the disk (flushed
# within a few hundred milliseconds), the durability of MongoDB's default write concern (journal
# flushed every 100 ms); a crash of the machine can lose that window, never corrupt the data.
# Sourced; implements the service interface described in scripts/services.

PG_USER=${SUPERDESK_PG_USER:-postgres}

postgres_port() { printf '%s' "$POSTGRES_PORT"; }
postgres_url() { printf 'postgres://ferretdb@%s:%s/ferretdb' "$SERVICES_HOST" "$POSTGRES_PORT"; }
postgres_process() { printf -- '-D %s/data' "$(state_dir postgres "$POSTGRES_PORT")"; }
postgres_logs() { printf '%s\n' "$(state_dir postgres "$POSTGRES_PORT")/postgres.log"; }

# The directory of the newest installed PostgreSQL's programs (Debian keeps them off PATH).
postgres_bin() {
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/postgres" ] || return 1
  printf '%s' "$dir"
}

postgres_install() {
  postgres_bin >/dev/null || apt_install postgresql
  postgres_bin >/dev/null || die "postgres: the postgresql package did not install a server"
  if [ "$(id -u)" = 0 ] && ! id "$PG_USER" >/dev/null 2>&1; then
    useradd --system --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin \
      "$PG_USER" || die "postgres: could not create the system user $PG_USER"
  fi
}

# The command prefix that runs a program as the cluster's owner: PG_USER when root (setpriv
# execs, so a background launch's pid is the server's own), else the caller.
postgres_owner() {
  if [ "$(id -u)" = 0 ]; then
    printf '%s\n' setpriv "--reuid=$PG_USER" "--regid=$PG_USER" --init-groups --
  fi
}

# Creates the cluster (once): owner `ferretdb`, trust on loopback, the database `ferretdb`.
postgres_init() {
  local dir=$1 bin=$2 as_owner
  [ -s "$dir/data/PG_VERSION" ] && return 0
  rm -rf "$dir/data"
  mkdir -p "$dir/data"
  if [ "$(id -u)" = 0 ]; then chown -R "$PG_USER:" "$dir"; fi
  mapfile -t as_owner < <(postgres_owner)
  "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U ferretdb --auth=trust -E UTF8 \
    --locale=C.UTF-8 --no-instructions >>"$dir/postgres.log" 2>&1 ||
    die "postgres: initdb failed (see $dir/postgres.log)"
  printf 'CREATE DATABASE ferretdb OWNER ferretdb;\n' |
    "${as_owner[@]}" "$bin/postgres" --single -D "$dir/data" postgres >>"$dir/postgres.log" 2>&1 ||
    die "postgres: could not create the database ferretdb (see $dir/postgres.log)"
}

# Starts the server in the background in its own session; its pid goes to the pid file.
postgres_launch() {
  local dir bin as_owner
  dir=$(state_dir postgres "$POSTGRES_PORT")
  bin=$(postgres_bin)
  mkdir -p "$dir"
  postgres_init "$dir" "$bin"
  mapfile -t as_owner < <(postgres_owner)
  setsid "${as_owner[@]}" "$bin/postgres" -D "$dir/data" -p "$POSTGRES_PORT" -c listen_addresses="$SERVICES_HOST" \
    -c unix_socket_directories="$dir/data" -c synchronous_commit=off -c max_connections=200 \
    </dev/null >>"$dir/postgres.log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$dir/pid"
}

postgres_ready() {
  local bin
  bin=$(postgres_bin) || return 1
  timeout 3 "$bin/pg_isready" -q -h "$SERVICES_HOST" -p "$POSTGRES_PORT" -d ferretdb -U ferretdb
}

postgres_version() {
  local bin version
  bin=$(postgres_bin) || {
    printf 'PostgreSQL ?'
    return 0
  }
  version=$(timeout 3 "$bin/psql" -X -A -t -h "$SERVICES_HOST" -p "$POSTGRES_PORT" -U ferretdb \
    -d ferretdb -c 'SHOW server_version' 2>/dev/null | cut -d' ' -f1)
  printf 'PostgreSQL %s' "${version:-?}"
}
