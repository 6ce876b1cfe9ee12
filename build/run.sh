#!/usr/bin/env bash
# Runs the product on the local database. The API arrives with the API issue; until then this
# starts the database and applies the event store migrations.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
build/db.sh start
export STARTUPFUND_DB="$(build/db.sh url)"
dotnet run -c Release --project src/StartupFund.Benchmarks -- --migrate-only
