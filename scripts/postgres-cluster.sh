#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests.
#
#   scripts/postgres-cluster.sh start DIR PORT   create + start a cluster in DIR;
#                                                prints its URL on stdout
#   scripts/postgres-cluster.sh stop  DIR [PORT] stop it and remove DIR
#   scripts/postgres-cluster.sh pause  DIR       stop the server, keep DIR (an outage)
#   scripts/postgres-cluster.sh resume DIR       start it again on the same port
#
# The cluster listens on 127.0.0.1:PORT only (plus a unix socket in DIR), uses
# trust authentication, and trades durability for speed (fsync=off, ...).
# Never point it at data you care about: `stop` deletes DIR.
#
# postgres refuses to run as root, so when this script runs as root, initdb and
# pg_ctl run as the `postgres` system user (DIR is chowned to it); otherwise
# they run as the current user.
set -euo pipefail

readonly MARKER=.guichet-throwaway-postgres

log() { printf 'postgres-cluster: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  printf 'usage: %s start DIR PORT | stop DIR [PORT] | pause DIR | resume DIR\n' "$(basename "$0")" >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
cmd=$1
dir=$2
port=${3:-}

[[ -n "$dir" && "$dir" != "/" ]] || die "refusing to use DIR='$dir'"
[[ "$dir" == /* ]] || dir=$PWD/$dir

# Newest installed major version (e.g. /usr/lib/postgresql/15/bin).
find_bindir() {
  local d best='' best_ver=-1 ver
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] || continue
    ver=$(basename "$(dirname "$d")")
    ver=${ver%%.*}
    [[ "$ver" =~ ^[0-9]+$ ]] || continue
    if (( ver > best_ver )); then best_ver=$ver; best=$d; fi
  done
  [[ -n "$best" ]] || die "no PostgreSQL server found in /usr/lib/postgresql/*/bin (Debian package: postgresql)"
  printf '%s\n' "$best"
}

if [[ $EUID -eq 0 ]]; then
  id -u postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user (install the postgresql package)"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# postgres commands may not be able to read the caller's working directory.
cd /

port_in_use() {
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash
  (timeout 2 bash -c 'echo > "/dev/tcp/127.0.0.1/$1"' _ "$1") >/dev/null 2>&1
}

start() {
  if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then usage; fi
  local bindir
  bindir=$(find_bindir)

  mkdir -p -- "$dir"
  dir=$(cd -- "$dir" && pwd -P)
  if [[ ! -e "$dir/$MARKER" ]] && [[ -n "$(ls -A -- "$dir")" ]]; then
    die "$dir exists and is not empty; refusing to create a cluster there"
  fi
  : >"$dir/$MARKER"
  # The unix socket path (DIR/.s.PGSQL.PORT) must fit in sockaddr_un (~107 bytes).
  (( ${#dir} <= 90 )) || die "DIR path is too long for a unix socket: $dir"
  if [[ $EUID -eq 0 ]]; then
    chown -R postgres: -- "$dir"
  fi
  chmod 700 -- "$dir"
  as_pg test -w "$dir" || die "$dir is not writable by the postgres user (is a parent directory private?)"

  port_in_use "$port" && die "port $port on 127.0.0.1 is already in use"

  local data=$dir/data
  log "initdb ($bindir) in $data"
  if ! as_pg "$bindir/initdb" -D "$data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  fi

  # Later settings win, so appending overrides the defaults written by initdb.
  as_pg tee -a "$data/postgresql.conf" >/dev/null <<EOF

# --- throwaway test cluster (scripts/postgres-cluster.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
checkpoint_timeout = 30min
jit = off
log_min_messages = warning
EOF

  log "starting on 127.0.0.1:$port (log: $dir/postgres.log)"
  if ! as_pg "$bindir/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 start >/dev/null; then
    tail -n 30 "$dir/postgres.log" >&2 || true
    die "pg_ctl start failed"
  fi
  printf 'postgres://postgres@127.0.0.1:%s/postgres\n' "$port"
}

stop() {
  [[ -d "$dir" ]] || { log "$dir does not exist; nothing to stop"; return 0; }
  [[ -e "$dir/$MARKER" ]] || die "$dir was not created by this script (no $MARKER); not touching it"
  local data=$dir/data pid
  if [[ -f "$data/postmaster.pid" ]]; then
    local bindir
    bindir=$(find_bindir)
    # The data is thrown away, so there is no need for a clean shutdown.
    if ! as_pg "$bindir/pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1; then
      pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
      if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        log "pg_ctl stop failed; killing postmaster $pid"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  fi
  rm -rf -- "$dir"
  log "stopped and removed $dir"
}

# An outage for tests: the server goes away (connections are cut), the data stays.
pause() {
  [[ -e "$dir/$MARKER" ]] || die "$dir was not created by this script (no $MARKER); not touching it"
  as_pg "$(find_bindir)/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
  log "paused $dir"
}

resume() {
  [[ -e "$dir/$MARKER" ]] || die "$dir was not created by this script (no $MARKER); not touching it"
  if ! as_pg "$(find_bindir)/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null; then
    tail -n 30 "$dir/postgres.log" >&2 || true
    die "pg_ctl start failed"
  fi
  log "resumed $dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  pause) pause ;;
  resume) resume ;;
  *) usage ;;
esac
