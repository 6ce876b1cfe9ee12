#!/usr/bin/env bash
# One entry point for everything: ./build.sh run | test | bench | db start|stop|status
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

usage() {
  cat >&2 <<USAGE
usage: ./build.sh <verb>
  run                 start the local database and run the product
  test                start the local database and run every test (results in artifacts/test-results)
  bench               start the local database and run the benchmarks (results in artifacts/bench)
  db start|stop|status|url
                      manage the local PostgreSQL under .data/ (ignored when STARTUPFUND_DB is set)
Set STARTUPFUND_DB to a Npgsql connection string to use an existing PostgreSQL instead.
USAGE
  exit 2
}

verb="${1:-}"; [ -n "$verb" ] || usage; shift
case "$verb" in
  run) exec build/run.sh "$@" ;;
  test) exec build/test.sh "$@" ;;
  bench) exec build/bench.sh "$@" ;;
  db) exec build/db.sh "$@" ;;
  *) usage ;;
esac
