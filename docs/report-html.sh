#!/usr/bin/env bash
# Regenerates docs/report-html.png, the READMEs' picture of `agent-store report html`: the demo database in a
# temporary folder, its page, and a screenshot of the page's top by headless Chromium (Debian:
# apt-get install chromium). Run from anywhere: docs/report-html.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$root/bin/agent-store" demo --db "$tmp/agent-store.duckdb" >/dev/null
"$root/bin/agent-store" report html --db "$tmp/agent-store.duckdb" --timezone UTC -o "$tmp/report.html"
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1280,2300 --screenshot="$root/docs/report-html.png" "file://$tmp/report.html" 2>/dev/null
echo "wrote $root/docs/report-html.png"
