#!/usr/bin/env bash
# Runs the product on the local database (or STARTUPFUND_DB): starts PostgreSQL, migrates, seeds the
# demo (idempotent: a second run writes nothing), verifies every hash chain and starts the HTTP API
# on http://127.0.0.1:5080 (override with STARTUPFUND_URL). Ctrl+C stops the API.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
build/db.sh start
export STARTUPFUND_DB="$(build/db.sh url)"
URL="${STARTUPFUND_URL:-http://127.0.0.1:5080}"

dotnet build src/StartupFund.Cli -c Release -nologo -v quiet
dotnet build src/StartupFund.Api -c Release -nologo -v quiet
cli() { dotnet "src/StartupFund.Cli/bin/Release/net10.0/startupfund.dll" "$@"; }
cli migrate
cli seed
cli verify

API_DIR="$ROOT/src/StartupFund.Api/bin/Release/net10.0"
cat <<INFO

StartupFund API on $URL   (Ctrl+C to stop; logs are JSON lines below)
  API docs (browsable)   $URL/docs
  OpenAPI document       $URL/openapi/v1.json
  Health                 $URL/health/ready
  Funds in Germany       $URL/funds?country=DE
  Germany's balance      $URL/countries/DE/balance
  Kenya's portfolio      $URL/countries/KE/portfolio
  A fund's journal       $URL/funds/jp-ai-fund/journal
  A trial balance        $URL/funds/kw-ai-fund/trial-balance
  An application         $URL/applications/de-app-aleph
Try a command:
  curl -i -X POST $URL/applications/de-app-nordlicht/review -H 'Idempotency-Key: try-1' -H 'X-Actor: you'
Database: $STARTUPFUND_DB
INFO
exec dotnet "$API_DIR/StartupFund.Api.dll" --urls "$URL" --contentRoot "$API_DIR"
