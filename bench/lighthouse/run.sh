#!/bin/sh
# Lighthouse's four category scores for the pages the issue names, on the site as `make serve`
# runs it (nginx in front of gunicorn, DEBUG off) at $BASE. Lighthouse 12 because this machine's
# Node is 20 (Lighthouse 13 needs 22.19); Debian's chromium with the flags the browser tests use.
# Reports (HTML and JSON) land in test-artifacts/lighthouse/.
set -eu
BASE=${BASE:-http://127.0.0.1:8000}
HERE=$(dirname "$0")
OUT=${OUT:-test-artifacts/lighthouse}
mkdir -p "$OUT"
[ -d "$HERE/node_modules/lighthouse" ] || npm ci --prefix "$HERE" --no-audit --no-fund
curl -fsS -o /dev/null "$BASE/healthz" || { echo "No site at $BASE: start it with \`make serve\` first." >&2; exit 1; }
FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
for page in / /editions/ /editions/charleroi-2024/; do
  name=$(echo "$page" | tr -c 'a-z0-9\n' '-' | sed 's/^-*//; s/-*$//')
  name=${name:-home}
  # Up to three tries when Lighthouse fails to record the page (scores.py exits 2); a score
  # under 100 is never run again.
  for try in 1 2 3; do
    rm -f "$OUT/$name.report.json"
    CHROME_PATH=/usr/bin/chromium "$HERE/node_modules/.bin/lighthouse" "$BASE$page" --quiet \
      --chrome-flags="$FLAGS" --output=json --output=html --output-path="$OUT/$name" \
      --only-categories=performance,accessibility,best-practices,seo || true
    result=0
    python3 "$HERE/scores.py" "$OUT/$name.report.json" "$page" || result=$?
    [ "$result" = 2 ] || break
  done
  [ "$result" = 0 ] || status=1
done
exit ${status:-0}
