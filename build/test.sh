#!/usr/bin/env bash
# Runs every test project against a real PostgreSQL; writes TRX files to artifacts/test-results
# and prints the closing line "N passed, N failed, N skipped" from them.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

build/db.sh start || exit 1
export STARTUPFUND_TEST_DB="$(build/db.sh url)"
build/browsers.sh || { echo "0 passed, 1 failed"; exit 1; }  # chromium and axe-core for tests/StartupFund.Browser.Tests

RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

dotnet build StartupFund.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
dotnet test StartupFund.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$RESULTS" "$@"
test_exit=$?

summary="$(python3 "$ROOT/build/trx_summary.py" "$RESULTS")" || { echo "0 passed, 1 failed"; exit 1; }
echo "$summary"
case "$summary" in
  "0 passed, 0 failed"*) echo "no test ran" >&2; exit 1 ;;
  *", 0 failed"*) exit "$test_exit" ;;
  *) exit 1 ;;
esac
