#!/usr/bin/env bash
# Render HTML reports to PNG with headless Chromium (Debian's `chromium`).
#
#   scripts/screenshot-html.sh PAGE.html OUT.png [WIDTHxHEIGHT]
#   scripts/screenshot-html.sh --all      # the three report kinds → docs/screenshots/
#
# --all builds juwei (no GUI), generates sample committees, and renders the
# committee report, the audit and a revision diff. Needs: chromium,
# fonts-noto-cjk (apt-get install chromium fonts-noto-cjk).
set -euo pipefail

shot() {
    local page=$1 out=$2 size=${3:-1240x1754}
    local browser
    browser=$(command -v chromium || command -v chromium-browser || true)
    if [[ -z $browser ]]; then
        echo "chromium not found: apt-get install chromium fonts-noto-cjk" >&2
        return 2
    fi
    local profile
    profile=$(mktemp -d)
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$profile" \
        --screenshot="$(realpath -m "$out")" --window-size="${size/x/,}" \
        "file://$(realpath "$page")" >/dev/null 2>&1
    rm -rf "$profile"
    [[ -s $out ]] || { echo "no screenshot written: $out" >&2; return 1; }
    echo "$out"
}

if [[ ${1:-} != --all ]]; then
    [[ $# -ge 2 ]] || { sed -n '2,10p' "$0"; exit 2; }
    shot "$@"
    exit
fi

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
cargo build --no-default-features --quiet --bin juwei
juwei=$CARGO_TARGET_DIR/debug/juwei
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$juwei" sample --committees 24 --seed 2017 --broken 1 --previous-share 0.3 "$work/district" 2>/dev/null
# the committee report and the diff: the report fixtures (a refit that fixes
# one finding and introduces another, so pins show on both drawings); set
# CHECK_PLAN / DIFF_OLD / DIFF_NEW to render others
plan=${CHECK_PLAN:-tests/fixtures/reports/small.ron}
old=${DIFF_OLD:-tests/fixtures/reports/small.previous.ron}
new=${DIFF_NEW:-tests/fixtures/reports/small.ron}
"$juwei" check "$plan" --format html -o "$work/check.html" || true
(cd "$work" && "$juwei" audit district --format html -o audit.html --no-progress) || true
"$juwei" diff "$old" "$new" --format html -o "$work/diff.html" || true
mkdir -p docs/screenshots
shot "$work/check.html" docs/screenshots/report-check.png 900x2400
shot "$work/audit.html" docs/screenshots/report-audit.png 1240x3300
shot "$work/diff.html" docs/screenshots/report-diff.png 1240x1800
