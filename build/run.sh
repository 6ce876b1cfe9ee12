#!/usr/bin/env bash
# Runs the product on the local database (or STARTUPFUND_DB).
# Today the product is the event store and its CLI: this starts PostgreSQL, applies the migrations
# and verifies every hash chain. The HTTP API with demo data replaces this with the API issue.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
build/db.sh start
export STARTUPFUND_DB="$(build/db.sh url)"
dotnet build src/StartupFund.Cli -c Release -nologo -v quiet
cli() { dotnet "src/StartupFund.Cli/bin/Release/net10.0/startupfund.dll" "$@"; }
cli migrate
cli verify
echo
echo "Database: $STARTUPFUND_DB"
echo "CLI:      dotnet src/StartupFund.Cli/bin/Release/net10.0/startupfund.dll --help"
