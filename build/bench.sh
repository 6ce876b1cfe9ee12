#!/usr/bin/env bash
# Benchmarks are programs, not tests: each compares our path with a raw baseline in the same run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
build/db.sh start
export STARTUPFUND_DB="$(build/db.sh url)"
mkdir -p artifacts/bench
dotnet run -c Release --project src/StartupFund.Benchmarks -- --out artifacts/bench "$@"
