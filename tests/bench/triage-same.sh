#!/usr/bin/env bash
# Output identity of two builds of `xunpan triage`: every development corpus and every
# probe set triaged by BASE and by NEW, compared byte for byte. A speed change to the
# engine must leave every answer as it was; this says whether it did.
#
#   tests/bench/triage-same.sh BASE_BINARY [NEW_BINARY]
#
# NEW_BINARY defaults to target/release/xunpan. Exit status 0 when every output is the
# same, 1 when any differs (the first lines of each difference are printed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASE="${1:?usage: triage-same.sh BASE_BINARY [NEW_BINARY]}"
NEW="${2:-$ROOT/target/release/xunpan}"
CORPUS="${XUNPAN_CORPUS_DIR:-$ROOT/../shared/corpus}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
sets=("$CORPUS"/inquiries-dev.jsonl "$CORPUS"/inquiries-dev2.jsonl "$CORPUS"/spamassassin-dev.jsonl "$ROOT"/tests/fixtures/probes/*.jsonl)
differ=0 lines=0
for set in "${sets[@]}"; do
  [ -s "$set" ] || { echo "missing or empty: $set (set XUNPAN_CORPUS_DIR)" >&2; exit 2; }
  name="$(basename "$set" .jsonl)"
  # Exit status 1 means a line could not be read: that line's error is output too.
  "$BASE" triage --now 2026-12-01T00:00:00Z --tz +08:00 "$set" > "$OUT/$name.base" || true
  "$NEW" triage --now 2026-12-01T00:00:00Z --tz +08:00 "$set" > "$OUT/$name.new" || true
  [ -s "$OUT/$name.base" ] || { echo "$name: the base build printed nothing" >&2; exit 2; }
  lines=$((lines + $(wc -l < "$OUT/$name.base")))
  if ! cmp -s "$OUT/$name.base" "$OUT/$name.new"; then
    differ=1
    echo "DIFFERS: $name"
    diff "$OUT/$name.base" "$OUT/$name.new" | head -6 || true
  fi
done
if [ "$differ" = 0 ]; then
  echo "same: ${#sets[@]} sets, $lines output lines, byte for byte"
fi
exit "$differ"
