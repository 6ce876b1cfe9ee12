#!/usr/bin/env bash
# Runs the product on the local database (or STARTUPFUND_DB): starts PostgreSQL, migrates, seeds the
# demo (idempotent: a second run writes nothing), verifies every hash chain and starts the HTTP API
# on http://127.0.0.1:5080 (override with STARTUPFUND_URL). Ctrl+C stops the API.
# Auth: the API verifies bearer tokens with Auth__SigningKey; when none is set, a random key is made
# once into .data/auth-signing-key (gitignored) and reused. A token for every demo identity is printed.
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
if ! cli verify; then
  echo "The ledger does not verify (above). A local demo database made by an earlier release (before 2026-11-23) is re-created with:" >&2
  echo "  ./build.sh db stop && rm -rf .data/postgres && ./build.sh run" >&2
  exit 1
fi

if [ -z "${Auth__SigningKey:-}" ]; then
  KEY_FILE="$ROOT/.data/auth-signing-key"
  if [ ! -s "$KEY_FILE" ]; then
    mkdir -p "$ROOT/.data"
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$KEY_FILE")
  fi
  Auth__SigningKey="$(cat "$KEY_FILE")"
fi
export Auth__SigningKey
# The web app under /app lists the demo identities on its sign-in page (never turn this on in production).
export Auth__DemoSignIn="${Auth__DemoSignIn:-true}"
TOKENS="$(cli token --demo all --lifetime 8h)"
MANAGER_DE="$(printf '%s\n' "$TOKENS" | awk -F'\t' '$1 == "manager-de" { print $2 }')"

API_DIR="$ROOT/src/StartupFund.Api/bin/Release/net10.0"
cat <<INFO

StartupFund API on $URL   (Ctrl+C to stop; logs are JSON lines below)
  Web app (sign in as a demo identity)  $URL/app
  API docs (browsable)   $URL/docs
  OpenAPI document       $URL/openapi/v1.json
  Health                 $URL/health/ready
  Funds in Germany       $URL/funds?country=DE
  Germany's balance      $URL/countries/DE/balance
  Kenya's portfolio      $URL/countries/KE/portfolio
  A fund's journal       $URL/funds/jp-ai-fund/journal
  A trial balance        $URL/funds/kw-ai-fund/trial-balance
  An application         $URL/applications/de-app-aleph
Every call but health and docs needs a bearer token. Tokens for the demo identities (valid 8 hours;
more with: dotnet src/StartupFund.Cli/bin/Release/net10.0/startupfund.dll token --help):
$(printf '%s\n' "$TOKENS" | awk -F'\t' '{ printf "  %-18s %s\n", $1, $2 }')
Try a command as Germany's fund manager:
  TOKEN=$MANAGER_DE
  curl -i -X POST $URL/applications/de-app-nordlicht/review -H "Authorization: Bearer \$TOKEN" -H 'Idempotency-Key: try-1'
  curl -s $URL/countries/DE/balance -H "Authorization: Bearer \$TOKEN"
Database: $STARTUPFUND_DB
INFO
exec dotnet "$API_DIR/StartupFund.Api.dll" --urls "$URL" --contentRoot "$API_DIR"
