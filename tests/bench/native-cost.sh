#!/usr/bin/env bash
# Instructions a message of native triage, counted (not timed): cachegrind on
# `xunpan triage` over a corpus once and six times, the difference over five times its
# lines, so that start-up and the patterns' first compilation cancel out.
#
#   tests/bench/native-cost.sh [BINARY] [FILE.jsonl...]
#
# BINARY defaults to target/release/xunpan, the files to dev1 and dev2.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${1:-$ROOT/target/release/xunpan}"
shift || true
CORPUS="${XUNPAN_CORPUS_DIR:-$ROOT/../shared/corpus}"
[ $# -gt 0 ] || set -- "$CORPUS"/inquiries-dev.jsonl "$CORPUS"/inquiries-dev2.jsonl
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Instructions of one run of BIN over FILE.
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$BIN" triage --now 2026-12-01T00:00:00Z --tz +08:00 "$1" 2>&1 >/dev/null |
    awk '/I *refs:/ { gsub(/,/, "", $NF); print $NF }'
}
for file in "$@"; do
  lines="$(grep -c . "$file")"
  for _ in 1 2 3 4 5 6; do cat "$file"; done > "$WORK/six.jsonl"
  once="$(count "$file")" six="$(count "$WORK/six.jsonl")"
  awk -v f="$(basename "$file")" -v once="$once" -v six="$six" -v n="$lines" \
    'BEGIN { printf "%s: %.0f instructions a message (%d lines; once %.0f, six times %.0f)\n", f, (six - once) / (5 * n), n, once, six }'
done
