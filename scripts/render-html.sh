#!/usr/bin/env bash
# Renders an HTML report in headless Chromium: a PNG screenshot (and, with --dom, the DOM after scripts ran).
# usage: scripts/render-html.sh report.html [out.png] [width,height]
# With no report given, grades the bundled demo snapshot first (needs `npm run build`).
set -euo pipefail
html="${1:?usage: scripts/render-html.sh report.html [out.png] [width,height]}"
png="${2:-${html%.html}.png}"
size="${3:-1100,2600}"
chrome="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
[ -n "$chrome" ] || { echo "render-html: no chromium found (apt-get install -y chromium, or set CHROMIUM)" >&2; exit 2; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-extensions \
  --no-first-run --user-data-dir="$profile" --hide-scrollbars --window-size="$size" \
  --screenshot="$png" "file://$(realpath "$html")" 2>/dev/null
echo "$png"
