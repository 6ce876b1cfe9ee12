#!/usr/bin/env bash
# Local PostgreSQL for development, tests and benchmarks.
# Usage: build/db.sh start|stop|status|url
# With STARTUPFUND_DB set, nothing is started: that connection string is used as it is.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_PORT="${STARTUPFUND_DB_PORT:-54329}"
PG_USER=startupfund
PG_PASSWORD=startupfund
PG_DATABASE=startupfund
DATA_DIR="$ROOT/.data/postgres"
LOG_FILE="$ROOT/.data/postgres.log"
LOCAL_URL="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$PG_DATABASE"

die() { echo "db: $*" >&2; exit 1; }

find_bin_dir() {
  local candidate
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && { echo "$candidate"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

ensure_binaries() {
  if BIN_DIR="$(find_bin_dir)"; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    die "PostgreSQL server binaries (initdb, pg_ctl) not found. Install PostgreSQL 15+ (e.g. 'sudo apt-get install postgresql') or set STARTUPFUND_DB to an existing database."
  fi
  echo "db: installing PostgreSQL with apt-get..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 \
    || die "apt-get could not install postgresql"
  BIN_DIR="$(find_bin_dir)" || die "postgresql installed but initdb not found"
}

# The server refuses to run as root: run it as the 'postgres' OS user then.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; }

is_running() {
  [ -f "$DATA_DIR/postmaster.pid" ] && as_server_user "$BIN_DIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1
}

init_cluster() {
  mkdir -p "$ROOT/.data"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$ROOT/.data"
    # the server user must be able to reach the data directory through the checkout's parents
    local dir="$ROOT"
    while [ "$dir" != "/" ]; do chmod o+x "$dir" 2>/dev/null || true; dir="$(dirname "$dir")"; done
  fi
  local pwfile="$ROOT/.data/pwfile"
  echo "$PG_PASSWORD" > "$pwfile"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pwfile"
  as_server_user "$BIN_DIR/initdb" -D "$DATA_DIR" -U "$PG_USER" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
    || die "initdb failed"
  rm -f "$pwfile"
  cat >> "$DATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 300
shared_buffers = 256MB
CONF
}

start() {
  if [ -n "${STARTUPFUND_DB:-}" ]; then echo "db: using STARTUPFUND_DB; nothing to start" >&2; return 0; fi
  ensure_binaries
  [ -f "$DATA_DIR/PG_VERSION" ] || init_cluster
  if is_running; then ensure_database; echo "db: already running on 127.0.0.1:$PG_PORT" >&2; return 0; fi
  if port_in_use; then
    die "port $PG_PORT on 127.0.0.1 is taken by another server (not this checkout's .data/postgres). Stop it, or choose another port with STARTUPFUND_DB_PORT, or point STARTUPFUND_DB at an existing database."
  fi
  rm -f "$DATA_DIR/postmaster.pid"   # stale after a crash or a machine restart
  touch "$LOG_FILE"; [ "$(id -u)" -eq 0 ] && chown postgres "$LOG_FILE"
  as_server_user "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 start >/dev/null \
    || die "PostgreSQL did not start; see $LOG_FILE"
  ensure_database
  echo "db: started on 127.0.0.1:$PG_PORT (data in .data/postgres)" >&2
}

ensure_database() {
  local psql_cmd=("$BIN_DIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qtA)
  local exists
  exists="$(PGPASSWORD="$PG_PASSWORD" "${psql_cmd[@]}" -c "select 1 from pg_database where datname = '$PG_DATABASE'")"
  [ "$exists" = "1" ] || PGPASSWORD="$PG_PASSWORD" "${psql_cmd[@]}" -c "create database $PG_DATABASE" \
    || die "could not create database $PG_DATABASE"
}

stop() {
  if [ -n "${STARTUPFUND_DB:-}" ]; then echo "db: using STARTUPFUND_DB; nothing to stop" >&2; return 0; fi
  BIN_DIR="$(find_bin_dir)" || die "PostgreSQL binaries not found"
  if ! is_running; then echo "db: not running" >&2; return 0; fi
  as_server_user "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
  echo "db: stopped" >&2
}

# An external database is not ours to start, but whether it answers is still worth saying.
external_status() {
  local host port
  host="$(printf '%s' "$STARTUPFUND_DB" | tr ';' '\n' | sed -n 's/^[[:space:]]*\(Host\|Server\)[[:space:]]*=[[:space:]]*//Ip' | head -n1)"
  port="$(printf '%s' "$STARTUPFUND_DB" | tr ';' '\n' | sed -n 's/^[[:space:]]*Port[[:space:]]*=[[:space:]]*//Ip' | head -n1)"
  host="${host%"${host##*[![:space:]]}"}"; port="${port%"${port##*[![:space:]]}"}"   # Npgsql trims values too
  host="${host:-localhost}"; port="${port:-5432}"
  if timeout 5 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null; then
    echo "db: external (STARTUPFUND_DB), answering on $host:$port"
  else
    echo "db: external (STARTUPFUND_DB), NOT answering on $host:$port"; return 3
  fi
}

status() {
  if [ -n "${STARTUPFUND_DB:-}" ]; then external_status; return; fi
  BIN_DIR="$(find_bin_dir)" || { echo "db: PostgreSQL not installed"; return 3; }
  if is_running; then echo "db: running on 127.0.0.1:$PG_PORT"; else echo "db: stopped"; return 3; fi
}

url() { echo "${STARTUPFUND_DB:-$LOCAL_URL}"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) url ;;
  *) die "usage: build/db.sh start|stop|status|url" ;;
esac
