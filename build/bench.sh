#!/usr/bin/env bash
# Benchmarks are programs, not tests: each compares our path with a raw baseline in the same run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
build/db.sh start
export STARTUPFUND_DB="$(build/db.sh url)"
mkdir -p artifacts/bench
dotnet run -c Release --project src/StartupFund.Benchmarks -- --out artifacts/bench "$@"
# The HTTP path: the real API process under a mixed workload, beside a raw append baseline -> artifacts/bench/api.json
dotnet build src/StartupFund.Api -c Release -nologo -v quiet
dotnet run -c Release --project src/StartupFund.Benchmarks.Http -- --out artifacts/bench --api src/StartupFund.Api/bin/Release/net10.0/StartupFund.Api.dll "$@"
