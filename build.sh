#!/usr/bin/env bash
# Xunpan build script: installs what is missing, builds the extension, runs the tests.
#
#   ./build.sh build     build the extension into dist/
#   ./build.sh test      every test tier (what CI runs); non-zero on any failure
#   ./build.sh demo      build, serve the demo seller inbox, open Chromium with Xunpan on it
#                        (headless when there is no display: screenshots, paths printed)
#   ./build.sh package   dist/ zipped for Chrome and for Firefox, sizes printed
#   ./build.sh bench     speed, size and memory figures (a table, then one JSON line);
#                        XUNPAN_BENCH_SAVE=1 also writes tests/bench/results/<date>.json
#   ./build.sh fuzz      cargo-fuzz on every door outside text comes in by (fuzz/), the
#                        corpus seeded from the development data; needs a nightly toolchain
#                        and cargo-fuzz; XUNPAN_FUZZ_SECONDS (default 300) bounds the run
#
# Everything it installs comes from the package registries: the wasm32 Rust target,
# wasm-bindgen-cli (exactly the version in Cargo.lock), Debian's Chromium and
# chromedriver, and the npm packages pinned in tests/package.json (playwright-core,
# binaryen for wasm-opt). It never installs Debian's binaryen (its wasm-opt breaks
# wasm-bindgen output) and never lets a test tool download a browser.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
DIST="$ROOT/dist"
ARTIFACTS="$ROOT/tests/artifacts"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER_BIN="${CHROMEDRIVER_BIN:-/usr/bin/chromedriver}"

say() { printf '*** %s\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# --- installing what is missing ------------------------------------------------

apt_install() {
  command -v apt-get >/dev/null || die "$* missing and no apt-get here: install $* by hand"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  say "installing $* from Debian (once)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want have
  want="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)"
  [ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
  # A missing tool is what this step is for: its absence must not end the script.
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    # No --locked: the registry here does not serve every crate the CLI's lock file names.
    say "installing wasm-bindgen-cli $want (was: ${have:-none}; takes about 4 minutes once)"
    cargo install -q wasm-bindgen-cli --version "$want"
  fi
}

ensure_browser() {
  local missing=()
  [ -x "$CHROMIUM" ] || missing+=(chromium)
  [ -x "$CHROMEDRIVER_BIN" ] || missing+=(chromium-driver)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v zip >/dev/null || missing+=(zip)
  # Chinese text in screenshots needs a CJK font (the seller pages are in Chinese).
  [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ] || missing+=(fonts-wqy-microhei)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

ensure_node() {
  command -v node >/dev/null || apt_install nodejs npm
  if [ ! -d tests/node_modules/playwright-core ] || [ ! -d tests/node_modules/binaryen ] \
     || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    say "installing the test tools pinned in tests/package.json (npm ci)"
    (cd tests && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Firefox ESR from Debian and geckodriver from crates.io (Mozilla publishes it there):
# the wasm-bindgen tests run in Firefox too. geckodriver starts `firefox`; Debian names
# it firefox-esr, so a one-link directory puts it on the PATH under that name.
FIREFOX_SHIM="$ROOT/target/firefox-bin"
ensure_firefox() {
  [ "${XUNPAN_NO_FIREFOX:-}" = 1 ] && return 1
  command -v firefox-esr >/dev/null || command -v firefox >/dev/null || apt_install firefox-esr || return 1
  if ! command -v geckodriver >/dev/null; then
    say "installing geckodriver from crates.io (once, a few minutes)"
    cargo install -q geckodriver || return 1
  fi
  mkdir -p "$FIREFOX_SHIM"
  command -v firefox >/dev/null || ln -sf "$(command -v firefox-esr)" "$FIREFOX_SHIM/firefox"
}

# --- building --------------------------------------------------------------------

WASM_OPT_FLAGS=(-Oz --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-reference-types --enable-multivalue --enable-mutable-globals)

build() {
  ensure_rust
  ensure_node
  say "building the engine (wasm32, release)"
  cargo build --profile wasm --locked --target wasm32-unknown-unknown --lib -q
  rm -rf "$DIST"
  mkdir -p "$DIST/pkg"
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$DIST/pkg" target/wasm32-unknown-unknown/wasm/xunpan.wasm
  local wasm="$DIST/pkg/xunpan_bg.wasm"
  if [ "${XUNPAN_NO_WASM_OPT:-}" != 1 ]; then
    say "optimising with wasm-opt (npm binaryen)"
    tests/node_modules/.bin/wasm-opt "${WASM_OPT_FLAGS[@]}" "$wasm" -o "$wasm.opt"
    mv "$wasm.opt" "$wasm"
  fi
  say "assembling the extension in dist/"
  cp manifest.json "$DIST/"
  cp -r extension/. "$DIST/"
  # The engine must load: catch a broken wasm here, not in the browser.
  node "$ROOT/tests/wasm/smoke.mjs" "$DIST/pkg" >/dev/null \
    || die "the built engine does not load in Node (see tests/wasm/smoke.mjs)"
  local raw gz
  raw=$(stat -c %s "$wasm")
  gz=$(gzip -9c "$wasm" | wc -c)
  say "engine: $raw bytes, $gz gzipped; extension in $DIST"
}

# --- tests -----------------------------------------------------------------------

tier() { say "tier $1: $2"; }

test_all() {
  ensure_rust
  ensure_browser
  ensure_node
  tier 1 "cargo test (the core, natively)"
  cargo test --locked
  tier 1 "the core's tests and the corpora again, every pattern searched the wasm's way and the regex crate's, which must agree"
  cargo test --locked --features pattern-cross-check --lib --test triage_cases --test properties

  build

  tier 2 "web-ext lint (Firefox's checks on the same dist/)"
  node "$ROOT/tests/lint-firefox.mjs" "$DIST"

  tier 2 "node --test (the wasm package's JavaScript names and shapes)"
  node --test "$ROOT/tests/wasm/" "$ROOT/tests/unit/"

  tier 3 "wasm-bindgen-test in headless Chromium (web-sys code)"
  CHROMEDRIVER="$CHROMEDRIVER_BIN" WASM_BINDGEN_TEST_TIMEOUT=60 \
    cargo test --locked --target wasm32-unknown-unknown --test web

  tier 3 "wasm-bindgen-test in headless Firefox ESR"
  if ensure_firefox; then
    PATH="$FIREFOX_SHIM:$PATH" GECKODRIVER="$(command -v geckodriver)" WASM_BINDGEN_TEST_TIMEOUT=90 \
      cargo test --locked --target wasm32-unknown-unknown --test web
  else
    say "SKIPPED: Firefox ESR or geckodriver could not be installed here (XUNPAN_NO_FIREFOX=1 skips on purpose)"
  fi

  tier 4 "Playwright: the extension on the demo seller inbox (and with a strict page CSP)"
  mkdir -p "$ARTIFACTS"
  (cd tests && XUNPAN_DIST="$DIST" XUNPAN_ARTIFACTS="$ARTIFACTS" node --test --test-concurrency=1 e2e/)
  say "all tiers passed; screenshots in $ARTIFACTS"
}

# --- demo, package ---------------------------------------------------------------

demo() {
  ensure_browser
  build
  mkdir -p "$ARTIFACTS"
  (cd tests && XUNPAN_DIST="$DIST" XUNPAN_ARTIFACTS="$ARTIFACTS" node e2e/open-demo.mjs "$@")
}

package() {
  ensure_browser
  build
  local version out
  version="$(node -p "require('$DIST/manifest.json').version")"
  out="$ROOT/target/package"
  rm -rf "$out"; mkdir -p "$out"
  (cd "$DIST" && zip -qr -X "$out/xunpan-$version-chrome.zip" .)
  (cd "$DIST" && zip -qr -X "$out/xunpan-$version-firefox.xpi" .)
  say "packages (one manifest for both browsers):"
  ls -l "$out" | awk 'NR>1 {printf "    %10d bytes  %s\n", $5, $9}'
}

# --- benchmarks (figures printed, never asserted: the machine decides them) ----------

bench() {
  ensure_browser
  package >/dev/null
  local corpus="$ROOT/../shared/corpus"
  [ -f "$corpus/inquiries-dev.jsonl" ] || die "no corpus at $corpus (../shared beside the checkout)"
  if [ ! -d tests/bench/node_modules/natural ] || [ tests/bench/package-lock.json -nt tests/bench/node_modules/.package-lock.json ]; then
    say "installing the classifier compared with (npm ci in tests/bench)"
    (cd tests/bench && npm ci --no-audit --no-fund --loglevel=error)
  fi
  local out; out="$(mktemp -d)"
  say "bench 1/3: native triage (release build, one thread)"
  cargo run -q --release --locked --example bench_triage -- "$corpus/inquiries-dev.jsonl" | tee "$out/native"
  say "bench 2/3: the wasm engine under Node against natural's BayesClassifier (a few minutes)"
  DOTENV_CONFIG_QUIET=true node tests/bench/engine.mjs "$DIST/pkg" "$corpus" | tee "$out/engine"
  say "bench 3/3: a 500-row inbox in headless Chromium"
  (cd tests && XUNPAN_DIST="$DIST" node bench/page.mjs) | tee "$out/page"
  local wasm="$DIST/pkg/xunpan_bg.wasm" pkg
  pkg="$(ls "$ROOT"/target/package/*-chrome.zip)"
  printf '{"wasm_bytes":%d,"wasm_gzip_bytes":%d,"package_bytes":%d}\n' \
    "$(stat -c %s "$wasm")" "$(gzip -9c "$wasm" | wc -c)" "$(stat -c %s "$pkg")" > "$out/size"
  say "sizes: $(cat "$out/size")"
  local json
  json="$(node -e '
    const fs = require("fs");
    const last = (f) => JSON.parse(fs.readFileSync(f, "utf8").trim().split("\n").pop());
    const [dir, date] = process.argv.slice(1);
    const all = { date, machine: `${require("os").cpus().length} CPUs, ${require("os").cpus()[0].model}` };
    for (const f of ["native", "engine", "page", "size"]) Object.assign(all, last(`${dir}/${f}`));
    console.log(JSON.stringify(all));
  ' "$out" "$(date -u +%Y-%m-%d)")"
  if [ "${XUNPAN_BENCH_SAVE:-}" = 1 ]; then
    mkdir -p tests/bench/results
    node -e 'console.log(JSON.stringify(JSON.parse(process.argv[1]), null, 2))' "$json" \
      > "tests/bench/results/$(date -u +%Y-%m-%d).json"
    say "saved tests/bench/results/$(date -u +%Y-%m-%d).json"
  fi
  rm -rf "$out"
  echo "$json"
}

# --- fuzzing (a separate command: libFuzzer needs a nightly toolchain) --------------

fuzz() {
  local corpus="$ROOT/../shared/corpus" seeds="$ROOT/fuzz/corpus/hostile_input"
  [ -f "$corpus/inquiries-dev.jsonl" ] || die "no ../shared/corpus/inquiries-dev.jsonl to seed the corpus from"
  mkdir -p "$seeds"
  # One seed per development inquiry for each door (first byte: 0 triage, 1 render,
  # 2 given name, 3 settings, 4 lint); see fuzz/fuzz_targets/hostile_input.rs.
  local n=0 line name
  while IFS= read -r line; do
    n=$((n + 1))
    printf '\000%s\n' "$line" > "$seeds/triage-$n"
    printf '\001%s\n' "$line" > "$seeds/render-$n"
    printf '\004%s' "$line" > "$seeds/lint-$n"
    name="$(printf '%s' "$line" | sed -n 's/.*"name": *"\([^"]*\)".*/\1/p')"
    [ -n "$name" ] && printf '\002%s' "$name" > "$seeds/name-$n"
  done < "$corpus/inquiries-dev.jsonl"
  printf '\003%s' '{"format":"xunpan-settings","version":1,"triage":{"spamThreshold":7}}' > "$seeds/settings-1"
  say "corpus seeded: $(ls "$seeds" | wc -l) inputs in $seeds"
  rustup run nightly cargo --version >/dev/null 2>&1 \
    || die "fuzzing needs a nightly toolchain: rustup toolchain install nightly"
  cargo +nightly fuzz --help >/dev/null 2>&1 || die "fuzzing needs cargo-fuzz: cargo install cargo-fuzz"
  (cd fuzz && cargo +nightly fuzz run hostile_input "$seeds" -- -max_total_time="${XUNPAN_FUZZ_SECONDS:-300}" -rss_limit_mb=2048)
}

case "${1:-}" in
  build) build ;;
  test) test_all ;;
  demo) shift; demo "$@" ;;
  package) package ;;
  bench) bench ;;
  fuzz) fuzz ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
