#!/usr/bin/env bash
# What the browser tests need besides .NET: Debian's chromium (Playwright cannot download its own
# browser here) and axe-core from npm (the accessibility checker the tests inject into each page).
# Installs what is missing; installs chromium only when it may (root with apt-get).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROMIUM="${STARTUPFUND_CHROMIUM:-/usr/bin/chromium}"
AXE_DIR="$ROOT/tests/StartupFund.Browser.Tests/axe"

die() { echo "browsers: $*" >&2; exit 1; }

if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "$CHROMIUM not found. Install Debian's chromium ('sudo apt-get install chromium') or set STARTUPFUND_CHROMIUM to a Chromium executable."
  fi
  echo "browsers: installing chromium with apt-get..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 \
    || die "apt-get could not install chromium"
  [ -x "$CHROMIUM" ] || die "chromium installed but $CHROMIUM not found"
fi

if [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ]; then
  command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js and npm (axe-core comes from npm)."
  echo "browsers: installing axe-core with npm ci..." >&2
  (cd "$AXE_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci could not install axe-core"
fi
