#!/usr/bin/env bash
# A throwaway PostgreSQL server for the run-history tests and CI.
#
#   scripts/pg-test-server.sh start DIR   # prints postgres://USER@127.0.0.1:PORT/gauntlet_test
#   scripts/pg-test-server.sh stop DIR
#
# Uses Debian's binaries (/usr/lib/postgresql/*/bin, the newest; PG_BIN overrides). The cluster lives in
# DIR/data with trust auth, listens on 127.0.0.1 only, on a free port, with its unix socket in DIR. It
# never touches a system cluster. PostgreSQL refuses to run as root, so as root the server runs as the
# `postgres` OS user (created by Debian's package) and DIR is chowned to it; DIR's parents must then be
# traversable by that user (a fresh `mktemp -d` under /tmp is). Progress goes to stderr, the URL alone
# to stdout. Exit 0 started/stopped, 1 failed (the reason on stderr).
set -euo pipefail

die() { echo "pg-test-server: $*" >&2; exit 1; }

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: $0 start|stop DIR"

bin=${PG_BIN:-}
if [ -z "$bin" ]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [ -x "$d/initdb" ] && bin=$d
  done
fi
if [ -z "$bin" ] && command -v initdb >/dev/null 2>&1; then bin=$(dirname "$(command -v initdb)"); fi
[ -n "$bin" ] && [ -x "$bin/initdb" ] || die "no PostgreSQL binaries (looked in /usr/lib/postgresql/*/bin and PATH); apt-get install -y postgresql"

# As root, every server command runs as the postgres OS user.
as=()
db_user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root and there is no 'postgres' OS user to run the server as"
  if command -v runuser >/dev/null 2>&1; then as=(runuser -u postgres --); else as=(su postgres -s /bin/sh -c); fi
  db_user=postgres
fi
run_as() {
  if [ "${as[0]:-}" = "su" ]; then "${as[@]}" "$(printf '%q ' "$@")"; else "${as[@]}" "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ -e "$dir/data/PG_VERSION" ] && die "$dir/data already holds a cluster; stop it and use a fresh DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    run_as "$bin/initdb" -D "$dir/data" -U "$db_user" -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
      || die "initdb failed: $(tail -5 "$dir/initdb.log")"
    started=""
    for _ in 1 2 3 4 5; do
      # A free port from the kernel; another process could take it before the server binds, hence retries.
      port=$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
      if run_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c fsync=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
        started=yes
        break
      fi
    done
    [ -n "$started" ] || die "the server did not start: $(tail -5 "$dir/server.log" 2>/dev/null)"
    echo "$port" >"$dir/port" 2>/dev/null || run_as sh -c "echo $port > '$dir/port'"
    run_as "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$db_user" gauntlet_test \
      || die "createdb gauntlet_test failed (server log: $dir/server.log)"
    echo "pg-test-server: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir/data" >&2
    echo "postgres://$db_user@127.0.0.1:$port/gauntlet_test"
    ;;
  stop)
    [ -d "$dir/data" ] || exit 0
    run_as "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    ;;
  *)
    die "unknown command '$cmd'; usage: $0 start|stop DIR"
    ;;
esac
