#!/usr/bin/env bash
# Benchmarks are programs, not tests: each compares our path with a raw baseline in the same run.
# usage: ./build.sh bench [--quick] [--only eventstore|audit|http]
#   eventstore -> artifacts/bench/eventstore.json, audit -> audit.json, http -> api.json
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

quick=()
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick) ;;
    --only) shift; only="${1:-}"
            case "$only" in eventstore|audit|http) ;; *) echo "bench: --only takes eventstore, audit or http" >&2; exit 2 ;; esac ;;
    *) echo "bench: unknown argument '$1'. usage: ./build.sh bench [--quick] [--only eventstore|audit|http]" >&2; exit 2 ;;
  esac
  shift
done

build/db.sh start
export STARTUPFUND_DB="$(build/db.sh url)"
mkdir -p artifacts/bench
if [ "$only" != "http" ]; then
  dotnet run -c Release --project src/StartupFund.Benchmarks -- --out artifacts/bench "${quick[@]}" ${only:+--only "$only"}
fi
if [ -z "$only" ] || [ "$only" = "http" ]; then
  # The HTTP path: the real API process under a mixed workload, beside a raw append baseline -> artifacts/bench/api.json
  dotnet build src/StartupFund.Api -c Release -nologo -v quiet
  dotnet run -c Release --project src/StartupFund.Benchmarks.Http -- --out artifacts/bench --api src/StartupFund.Api/bin/Release/net10.0/StartupFund.Api.dll "${quick[@]}"
fi
