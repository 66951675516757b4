#!/usr/bin/env bash
# Renders a detente HTML report in headless Chromium the way a browser shows it, saves a
# screenshot, and checks the rendered DOM has the report's charts. Installs Debian's chromium
# with apt-get when it is missing.
#
# usage: tests/browser/render.sh REPORT.html OUT.png [WIDTH] [MIN_SVGS]
set -euo pipefail
html=${1:?usage: render.sh REPORT.html OUT.png [WIDTH] [MIN_SVGS]}
png=${2:?usage: render.sh REPORT.html OUT.png [WIDTH] [MIN_SVGS]}
width=${3:-1100}
min_svgs=${4:-3}

if ! command -v chromium >/dev/null 2>&1; then
  echo "render.sh: installing chromium (apt-get)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
url="file://$(realpath "$html")"
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-quic --hide-scrollbars
       --user-data-dir="$profile")

# The DOM as the browser built it: the charts must be there as SVG elements.
dom=$(timeout 120 chromium "${flags[@]}" --dump-dom "$url" 2>/dev/null)
svgs=$(grep -o '<svg' <<<"$dom" | wc -l)
if [ "$svgs" -lt "$min_svgs" ]; then
  echo "render.sh: expected at least $min_svgs charts in the rendered page, found $svgs" >&2
  exit 1
fi
if grep -q '<script' <<<"$dom"; then
  echo "render.sh: the rendered page contains a <script> element" >&2
  exit 1
fi

timeout 120 chromium "${flags[@]}" --window-size="${width},5200" --screenshot="$png" "$url" >/dev/null 2>&1
if [ ! -s "$png" ]; then
  echo "render.sh: no screenshot written" >&2
  exit 1
fi
echo "render.sh: $svgs charts rendered; screenshot $png ($(stat -c %s "$png") bytes, width $width)"
