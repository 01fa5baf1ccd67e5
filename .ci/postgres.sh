#!/usr/bin/env bash
# A throwaway PostgreSQL: Debian's server binaries, a fresh cluster in a folder of your choosing,
# listening on 127.0.0.1 only, user "kapcare" without a password, database "kapcare".
#   .ci/postgres.sh start DIR PORT   prints the JDBC URL
#   .ci/postgres.sh stop DIR
set -euo pipefail
command=$1
dir=$(realpath -m "$2")

# Debian keeps the server binaries off the PATH, in one folder per major version.
initdb=$( (ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null || command -v initdb) | sort -V | tail -1 || true)
if [ -z "$initdb" ]; then
  echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2
  exit 3
fi
bin=$(dirname "$initdb")

# PostgreSQL refuses to run as root; CI runs as root, so the cluster then belongs to a system user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id pgtest >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin pgtest
    chown -R pgtest "$dir"
    # Under .ci/at the server keeps the real clock: libfaketime's shared memory is root's and the
    # server's user cannot open it. KAP Care never reads the database's clock (times are the engine's).
    env -u LD_PRELOAD -u FAKETIME_SHARED su pgtest -s /bin/bash -c "$1"
  else
    bash -c "$1"
  fi
}

# pg_stat_statements and auto_explain are loaded (both idle until asked) so that a benchmark can say
# which statements took the database's time and how they ran (bench/README.md).
case "$command" in
  start)
    port=$3
    mkdir -p "$dir"
    as_owner "'$bin/initdb' -D '$dir/data' -A trust -U kapcare -E UTF8 >'$dir/initdb.log'"
    as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w \
      -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off \
      -c shared_preload_libraries=pg_stat_statements,auto_explain\" start >/dev/null"
    as_owner "'$bin/createdb' -h 127.0.0.1 -p $port -U kapcare kapcare"
    echo "jdbc:postgresql://127.0.0.1:$port/kapcare"
    ;;
  stop)
    as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null"
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
