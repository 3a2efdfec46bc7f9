#!/usr/bin/env bash
# Xunpan build script: installs what is missing, builds the extension, runs the tests.
#
#   ./build.sh build     build the extension into dist/
#   ./build.sh test      every test tier (what CI runs); non-zero on any failure;
#                        XUNPAN_E2E_JOBS=N runs N Playwright files at a time (default 2)
#   ./build.sh demo      build, serve the demo seller inbox, open Chromium with Xunpan on it
#                        (headless when there is no display: screenshots, paths printed)
#   ./build.sh package   dist/ zipped for Chrome and for Firefox, sizes printed
#   ./build.sh bench     speed, size and memory figures (a table, then one JSON line);
#                        XUNPAN_BENCH_SAVE=1 also writes tests/bench/results/<date>.json
#   ./build.sh fuzz      cargo-fuzz on every door outside text comes in by (fuzz/): raw
#                        bytes seeded from the development data, then inquiry-shaped JSON;
#                        stable Rust (cargo-fuzz installed if missing); each target runs
#                        XUNPAN_FUZZ_SECONDS (default 300)
#
# Each command first installs what it needs and is missing, from the package registries
# only: the wasm32 Rust target, rustfmt and clippy, wasm-bindgen-cli (exactly the version
# in Cargo.lock), Debian's Chromium, chromedriver and a CJK font, Firefox ESR and
# geckodriver (crates.io) for the test run, Node.js if absent, and the npm packages pinned
# in tests/package.json (playwright-core, binaryen for wasm-opt, web-ext). The Rust
# components come first; the other installs run in the background, beside the builds
# that do not need them, and are waited for where they are needed. It never installs
# Debian's binaryen (its wasm-opt breaks wasm-bindgen output) and never lets a test
# tool download a browser. `test` prints the time of each step at its end.
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

# --- time per step (printed at the end of a test run, and when it fails) --------
# Wall time, and the CPU time (user + system) of the step's processes: on a machine
# shared with other work the wall time depends on the load, the CPU time much less.

STEP="" STEP_START=0 STEP_CPU=0 STEP_TIMES=() CPU_MS=0
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)"
TIMES_FILE="$(mktemp)"
now_ms() { date +%s%3N; }
# CPU_MS: the CPU time of every finished child process of this script so far. No
# subshell here: a subshell's children are not this shell's.
read_cpu() {
  times > "$TIMES_FILE"
  CPU_MS="$(times_ms "$TIMES_FILE" children)"
}
# The milliseconds in the output of `times` in FILE: the children's line, or both lines.
times_ms() {
  local self_user self_sys user sys value total=0 minutes seconds values
  { read -r self_user self_sys; read -r user sys; } < "$1"
  values=("$user" "$sys")
  [ "$2" = children ] || values+=("$self_user" "$self_sys")
  for value in "${values[@]}"; do
    minutes="${value%%m*}" seconds="${value#*m}"
    seconds="${seconds%s}"
    total=$((total + 10#$minutes * 60000 + 10#${seconds%.*} * 1000 + 10#${seconds#*.}))
  done
  echo "$total"
}
begin() {
  end_step
  STEP="$1"
  STEP_START="$(now_ms)"
  read_cpu
  STEP_CPU=$CPU_MS
}
end_step() {
  [ -n "$STEP" ] || return 0
  read_cpu
  STEP_TIMES+=("$(($(now_ms) - STEP_START))|$((CPU_MS - STEP_CPU))|$STEP")
  STEP=""
}
seconds() { printf '%5d.%d s' $(($1 / 1000)) $(($1 % 1000 / 100)); }
print_times() {
  local failed="$STEP" line wall cpu rest total=0 total_cpu=0
  end_step
  rm -f "$TIMES_FILE"
  [ ${#STEP_TIMES[@]} -gt 0 ] || return 0
  say "time per step ($(nproc) CPUs; load average $LOAD_AT_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end):"
  printf '    %9s  %9s  %s\n' wall CPU step
  for line in "${STEP_TIMES[@]}"; do
    wall="${line%%|*}" rest="${line#*|}"
    cpu="${rest%%|*}"
    total=$((total + wall)) total_cpu=$((total_cpu + cpu))
    printf '    %s  %s  %s\n' "$(seconds "$wall")" "$(seconds "$cpu")" "${rest#*|}"
  done
  # The installs ran beside the steps: their wall time is not added to the steps', their
  # CPU time is (no step counts it).
  for line in "${BACKGROUND_TIMES[@]}"; do
    wall="${line%%|*}" rest="${line#*|}"
    cpu="${rest%%|*}"
    total_cpu=$((total_cpu + cpu))
    printf '    %s  %s  install in the background: %s (beside the steps)\n' "$(seconds "$wall")" "$(seconds "$cpu")" "${rest#*|}"
  done
  printf '    %s  %s  in all%s\n' "$(seconds "$total")" "$(seconds "$total_cpu")" "${failed:+ (failed during: $failed)}"
}

# --- installing what is missing ------------------------------------------------
# Each check here must survive the absence of what it checks for: that is the machine
# it exists for. tests/bare-machine.sh (tier 0) runs it where none of the tools are.

SETUP_LOGS="$ROOT/target/setup"

# Installs Debian packages; returns non-zero (never exits) so that callers decide.
apt_install() {
  if ! command -v apt-get >/dev/null; then
    printf 'build.sh: %s missing and no apt-get here: install it by hand\n' "$*" >&2
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { printf 'build.sh: installing %s needs root or sudo\n' "$*" >&2; return 1; }
    sudo=(sudo)
  fi
  say "installing $* from Debian (once)"
  "${sudo[@]}" apt-get update -qq || return 1
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || return 1
}

# The wasm32 target, rustfmt and clippy (a minimal rustup profile has neither).
ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first (https://rustup.rs)"
  command -v rustup >/dev/null || die "rustup not found: the wasm32 target is added with rustup; install Rust with it"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local component
  for component in rustfmt clippy; do
    if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
      say "adding the $component component"
      rustup component add "$component"
    fi
  done
  [ -f Cargo.lock ] || cargo generate-lockfile
}

# wasm-bindgen-cli at exactly the version in Cargo.lock, the longest install. Built
# without its TLS features (it only talks to a local browser driver) and at opt-level 1,
# it builds in a fifth less time (606 -> 480 s here) and runs as fast on our wasm; at
# opt-level 0 it built in half the time but read the test's wasm five times slower.
BINDGEN_WANTED="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)"
# The version of the wasm-bindgen on the PATH, empty when there is none: a missing tool
# is what the installs are for, so its absence must not end the script.
bindgen_version() { wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true; }
ensure_wasm_bindgen() {
  local want="$BINDGEN_WANTED" have
  [ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
  have="$(bindgen_version)"
  [ "$have" != "$want" ] || return 0
  # No --locked: the registry here does not serve every crate the CLI's lock file names.
  say "installing wasm-bindgen-cli $want (was: ${have:-none}; a few minutes, once)"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 cargo install -q wasm-bindgen-cli --version "$want" --no-default-features
  have="$(bindgen_version)"
  [ "$have" = "$want" ] || die "wasm-bindgen-cli $want was installed, but the wasm-bindgen on the PATH says ${have:-nothing}: put ${CARGO_HOME:-$HOME/.cargo}/bin first on the PATH"
}

# What the browser tiers and the demo need from Debian, one package a line.
browser_packages() {
  [ -x "$CHROMIUM" ] || echo chromium
  [ -x "$CHROMEDRIVER_BIN" ] || echo chromium-driver
  command -v openssl >/dev/null || echo openssl # the demo server's certificate
  command -v zip >/dev/null || echo zip         # ./build.sh package
  # Chinese text in screenshots needs a CJK font (the seller pages are in Chinese).
  [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ] || echo fonts-wqy-microhei
}

# The npm packages pinned in tests/package.json (playwright-core, binaryen for
# wasm-opt, web-ext), installed again when the lock file changed.
npm_tools_stale() {
  local pkg
  for pkg in playwright-core binaryen web-ext .package-lock.json; do
    [ -e "tests/node_modules/$pkg" ] || return 0
  done
  [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]
}
ensure_npm_tools() {
  npm_tools_stale || return 0
  say "installing the test tools pinned in tests/package.json (npm ci)"
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
}

# Debian's packages (Firefox is the one the tests can do without: if the set fails,
# the rest is tried without it), then the npm tools.
install_packages() {
  if [ $# -gt 0 ] && ! apt_install "$@"; then
    local rest=() package
    for package in "$@"; do [ "$package" = firefox-esr ] || rest+=("$package"); done
    [ ${#rest[@]} -lt $# ] || return 1
    [ ${#rest[@]} -eq 0 ] || apt_install "${rest[@]}" || return 1
  fi
  ensure_npm_tools
}

# Firefox ESR from Debian and geckodriver from crates.io (Mozilla publishes it there):
# the wasm-bindgen tests run in Firefox too. geckodriver starts `firefox`; Debian names
# it firefox-esr, so a one-link directory puts it on the PATH under that name.
# geckodriver only relays a few WebDriver commands to Firefox: built at opt-level 0 it
# takes a fraction of the CPU time of an optimised build and the tests do not notice.
FIREFOX_SHIM="$ROOT/target/firefox-bin"
FIREFOX=no
has_firefox() { command -v firefox-esr >/dev/null || command -v firefox >/dev/null; }
ensure_geckodriver() {
  command -v geckodriver >/dev/null && return 0
  say "installing geckodriver from crates.io (once, a few minutes)"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 nice -n 5 cargo install -q geckodriver --version '^0.37'
}

# --- installs in the background --------------------------------------------------
# The installs start at once and run beside the steps that do not need them (the
# format check, clippy and the native tests, the wasm builds): a cargo install spends
# minutes on its last crates with one CPU busy, and the builds fill the other. Each
# writes its log to target/setup/NAME.log, printed when the script waits for it.

declare -A JOB_PID=() JOB_START=()
BACKGROUND=()
BACKGROUND_TIMES=()

# start_install NAME FUNCTION [ARG...]: runs FUNCTION in the background. The install
# is not a child of this shell (started from a subshell that ends at once): its CPU time
# is then not counted in whichever step was running when it ended, but read from its
# own `times`, written with its status and end when it exits.
start_install() {
  local name="$1"
  shift
  mkdir -p "$SETUP_LOGS"
  rm -f "$SETUP_LOGS/$name".{end,times,pid}
  (
    (
      trap 'status=$?; times > "$SETUP_LOGS/$name.times"; echo "$status $(now_ms)" > "$SETUP_LOGS/$name.end"' EXIT
      "$@"
    ) > "$SETUP_LOGS/$name.log" 2>&1 &
    echo $! > "$SETUP_LOGS/$name.pid"
  )
  JOB_PID[$name]="$(cat "$SETUP_LOGS/$name.pid")"
  JOB_START[$name]="$(now_ms)"
  BACKGROUND+=("${JOB_PID[$name]}")
}

# Ends the background installs (and what they started) when the script ends early.
stop_background() {
  local pid
  for pid in "${BACKGROUND[@]}"; do
    kill $(ps -o pid= --ppid "$pid" 2>/dev/null) "$pid" 2>/dev/null || true
  done
}
trap stop_background EXIT

# await_install NAME: waits for the install NAME if one was started; prints its log and
# records its time (wall from its start to its end, CPU of its processes). Non-zero if
# it failed.
await_install() {
  local name="$1" pid status end running=() other cpu=0
  pid="${JOB_PID[$name]:-}"
  [ -n "$pid" ] || return 0
  unset "JOB_PID[$name]"
  # Its end is written as it exits: wait for that, or for the process to be gone.
  while [ ! -s "$SETUP_LOGS/$name.end" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
  for other in "${BACKGROUND[@]}"; do [ "$other" = "$pid" ] || running+=("$other"); done
  BACKGROUND=("${running[@]}")
  if [ -s "$SETUP_LOGS/$name.end" ]; then
    read -r status end < "$SETUP_LOGS/$name.end"
    cpu="$(times_ms "$SETUP_LOGS/$name.times" all)"
  else
    status=1 end="$(now_ms)"
    echo "build.sh: the install of $name ended without a word (killed?)" >> "$SETUP_LOGS/$name.log"
  fi
  BACKGROUND_TIMES+=("$((end - JOB_START[$name]))|$cpu|$name")
  cat "$SETUP_LOGS/$name.log"
  return "$status"
}

# True while an install is running or not yet waited for.
pending_installs() { [ ${#JOB_PID[@]} -gt 0 ]; }

# Starts what `what` (build, browser or test) needs and is missing; the wasm32 target
# and the Rust components first, in the foreground (every build needs them).
setup() {
  local what="$1" packages=() started=()
  begin "setup: Rust components; the installs started"
  ensure_rust
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
  if [ "$what" != build ]; then
    mapfile -t -O ${#packages[@]} packages < <(browser_packages)
  fi
  FIREFOX_WANTED=no
  if [ "$what" = test ] && [ "${XUNPAN_NO_FIREFOX:-}" != 1 ]; then
    FIREFOX_WANTED=yes
    has_firefox || packages+=(firefox-esr)
  fi
  if [ ${#packages[@]} -gt 0 ] || npm_tools_stale; then
    start_install packages install_packages "${packages[@]}"
    [ ${#packages[@]} -eq 0 ] || started+=("Debian's ${packages[*]}")
    npm_tools_stale && started+=("the npm tools")
  fi
  if [ "$(bindgen_version)" != "$BINDGEN_WANTED" ]; then
    start_install wasm-bindgen ensure_wasm_bindgen
    started+=("wasm-bindgen-cli $BINDGEN_WANTED")
  fi
  if [ "$FIREFOX_WANTED" = yes ] && ! command -v geckodriver >/dev/null; then
    start_install geckodriver ensure_geckodriver
    started+=("geckodriver")
  fi
  if [ ${#started[@]} -gt 0 ]; then
    local list
    list="$(printf '%s; ' "${started[@]}")"
    say "installing in the background: ${list%; } (logs in $SETUP_LOGS, printed when done)"
  fi
  end_step
}

# Waits for the installs the engine's packaging and the browsers need (all but
# geckodriver) and checks that they left what is needed on the PATH.
await_tools() {
  local what="$1"
  if pending_installs; then
    begin "setup: waiting for the installs started at the beginning"
    say "waiting for the installs started at the beginning"
  fi
  await_install wasm-bindgen || die "installing wasm-bindgen-cli failed (above; log in $SETUP_LOGS/wasm-bindgen.log)"
  await_install packages || die "installing Debian's packages or the npm tools failed (above; log in $SETUP_LOGS/packages.log)"
  command -v node >/dev/null || die "node is not on the PATH after installing it"
  if [ "$what" != build ]; then
    [ -x "$CHROMIUM" ] || die "no Chromium at $CHROMIUM (CHROMIUM=... names another)"
    [ -x "$CHROMEDRIVER_BIN" ] || die "no chromedriver at $CHROMEDRIVER_BIN (CHROMEDRIVER_BIN=... names another)"
  fi
}

# Waits for geckodriver, if it was being installed; FIREFOX=yes when Firefox can run.
await_firefox() {
  [ "$FIREFOX_WANTED" = yes ] || return 0
  if ! await_install geckodriver; then
    say "geckodriver could not be installed (above): the Firefox runs will be skipped"
  fi
  if has_firefox && command -v geckodriver >/dev/null; then
    FIREFOX=yes
    mkdir -p "$FIREFOX_SHIM"
    command -v firefox >/dev/null || ln -sf "$(command -v firefox-esr)" "$FIREFOX_SHIM/firefox"
  fi
}

# --- building --------------------------------------------------------------------

WASM_OPT_FLAGS=(-Oz --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-reference-types --enable-multivalue --enable-mutable-globals)

# dist/: the engine built for size, its JavaScript glue, wasm-opt, the extension's files.
# `what` is the setup's (build, browser or test): the installs it started are waited
# for after the engine's build, which does not need them.
build_dist() {
  build_engine
  await_tools "$1"
  assemble_dist
}

build_engine() {
  begin "build: the engine (wasm32, release profile)"
  say "building the engine (wasm32, release)"
  cargo build --profile wasm --locked --target wasm32-unknown-unknown --lib -q
}

assemble_dist() {
  begin "build: wasm-bindgen, wasm-opt, dist/"
  rm -rf "$DIST"
  mkdir -p "$DIST/pkg"
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$DIST/pkg" target/wasm32-unknown-unknown/wasm/xunpan.wasm
  local wasm="$DIST/pkg/xunpan_bg.wasm"
  if [ "${XUNPAN_NO_WASM_OPT:-}" != 1 ]; then
    say "optimising with wasm-opt (npm binaryen)"
    # Twice: the second run finds about 1.2 KB gzipped more that the first one's own
    # output offers, and the engine is no slower (docs/performance.md, "The second
    # wasm-opt run"). `--converge` in one run was smaller by less and took 28 s.
    local pass
    for pass in 1 2; do
      tests/node_modules/.bin/wasm-opt "${WASM_OPT_FLAGS[@]}" "$wasm" -o "$wasm.opt"
      mv "$wasm.opt" "$wasm"
    done
  fi
  say "assembling the extension in dist/"
  cp manifest.json "$DIST/"
  cp -r extension/. "$DIST/"
  # The concept tables and the built-in word model, bundled as build.rs bundles them
  # (see src/core/triage/concepts.rs): kept out of the wasm, handed to it at start.
  mkdir -p "$DIST/data"
  local table
  for table in src/core/triage/concepts/*.txt; do
    printf '[%s]\n' "$(basename "$table" .txt)"
    cat "$table"
    [ -z "$(tail -c1 "$table")" ] || printf '\n'
  done > "$DIST/data/concept-tables.txt"
  # ...then the default templates as one line, and the built-in word model last (as
  # build.rs does).
  { printf '[templates]\n'; tr '\r\n' '  ' < src/core/reply/templates.json; printf '\n'
    printf '[word-model]\n'; cat src/core/triage/model.tsv; } >> "$DIST/data/concept-tables.txt"
  # The engine must load: catch a broken wasm here, not in the browser.
  node "$ROOT/tests/wasm/smoke.mjs" "$DIST/pkg" >/dev/null \
    || die "the built engine does not load in Node (see tests/wasm/smoke.mjs)"
  local raw gz
  raw=$(stat -c %s "$wasm")
  gz=$(gzip -9c "$wasm" | wc -c)
  say "engine: $raw bytes, $gz gzipped; extension in $DIST"
  end_step
}

# --- tests -----------------------------------------------------------------------

# Starts a tier: its line in the log and its row in the time table.
tier() {
  say "tier $1: $3"
  begin "tier $1: $2"
}

test_all() {
  trap 'print_times; stop_background' EXIT
  setup test

  # The bare-machine check cuts its own run of this script short at the first cargo
  # command after the setup (once the installs have been asked for): `cargo fmt` must
  # stay first here. Until the wasm-bindgen step, nothing needs what is being installed.
  tier 0 "format, the first run on a bare machine, lints" "cargo fmt --check, the setup with every tool missing (tests/bare-machine.sh), clippy"
  cargo fmt --check
  tests/bare-machine.sh
  cargo clippy --locked --all-targets -q -- -D warnings

  # One run does both: with pattern-cross-check, every pattern is searched the wasm's
  # way (the lazy DFA alone) and the regex crate's, which must agree, and the answer
  # is the one both gave; so the native answers are tested as well.
  tier 1 "cargo test, natively" "cargo test (the core, the CLI, the corpora, property tests; every pattern searched the wasm's way and the regex crate's, which must agree)"
  cargo test --locked --features pattern-cross-check

  build_engine
  # The wasm-bindgen tests built now, while the installs may still run; run in tier 3.
  # Without debug info: the test's wasm is 4 MB instead of 39, its first build takes a
  # quarter less CPU (385 -> 292 s), and the runner reads it faster. Its dependencies
  # unoptimised (they are optimised for the native tests' corpora): a cold build takes
  # 51 s of CPU instead of 151, and the six tests run as fast (docs/performance.md).
  local web_test=(cargo test --locked --target wasm32-unknown-unknown --test web --config profile.dev.debug=false
    --config 'profile.dev.package."*".opt-level=0')
  begin "build: the wasm-bindgen tests (wasm32)"
  say "building the wasm-bindgen tests (wasm32)"
  "${web_test[@]}" --no-run -q
  await_tools test
  assemble_dist

  tier 2 "web-ext lint, node --test" "web-ext lint (Firefox's checks on dist/), then node --test (the wasm package's JavaScript names and shapes, the extension's modules)"
  node "$ROOT/tests/lint-firefox.mjs" "$DIST"
  node --test "$ROOT/tests/wasm/" "$ROOT/tests/unit/"

  if [ -n "${JOB_PID[geckodriver]:-}" ]; then
    begin "setup: waiting for geckodriver"
    say "waiting for geckodriver, installed in the background"
  fi
  await_firefox
  tier 3 "wasm-bindgen-test, Chromium and Firefox" "wasm-bindgen-test in headless Chromium (web-sys code), then in headless Firefox ESR"
  CHROMEDRIVER="$CHROMEDRIVER_BIN" WASM_BINDGEN_TEST_TIMEOUT=60 "${web_test[@]}"
  if [ "$FIREFOX" = yes ]; then
    PATH="$FIREFOX_SHIM:$PATH" GECKODRIVER="$(command -v geckodriver)" WASM_BINDGEN_TEST_TIMEOUT=90 "${web_test[@]}"
  elif [ "${XUNPAN_NO_FIREFOX:-}" = 1 ]; then
    say "SKIPPED: the Firefox run (XUNPAN_NO_FIREFOX=1)"
  elif [ "${CI:-}" = true ]; then
    die "Firefox ESR or geckodriver could not be installed (above); CI does not skip the Firefox run"
  else
    say "SKIPPED: the Firefox run: Firefox ESR or geckodriver could not be installed here (above)"
  fi

  # Two files at a time: each starts its own demo server (on a free port) and its own
  # browser profile, and most of a file's time is spent waiting on the browser, so two
  # side by side take 170 s where one after the other took 260 s (docs/performance.md).
  # More at once only loaded the 2 CPUs further: 161 s, and timing tests failed.
  tier 4 "Playwright end-to-end" "Playwright: the extension on the demo seller inbox (and with a strict page CSP), two files at a time"
  mkdir -p "$ARTIFACTS"
  (cd tests && XUNPAN_DIST="$DIST" XUNPAN_ARTIFACTS="$ARTIFACTS" node --test --test-concurrency="${XUNPAN_E2E_JOBS:-2}" e2e/)

  # Firefox has no host-resolver flag: the demo server listens on 443 and Firefox's
  # network.dns.forceResolve sends every host there (tests/firefox/firefox.test.mjs).
  tier 5 "Firefox end-to-end" "WebDriver (geckodriver): the extension in headless Firefox ESR on the demo seller inbox"
  if [ "$FIREFOX" = yes ]; then
    (cd tests && XUNPAN_DIST="$DIST" XUNPAN_ARTIFACTS="$ARTIFACTS" FIREFOX="$(command -v firefox-esr || command -v firefox)" \
      GECKODRIVER="$(command -v geckodriver)" node --test --test-concurrency=1 firefox/)
  elif [ "${XUNPAN_NO_FIREFOX:-}" = 1 ]; then
    say "SKIPPED: the Firefox end-to-end tier (XUNPAN_NO_FIREFOX=1)"
  elif [ "${CI:-}" = true ]; then
    die "Firefox ESR or geckodriver could not be installed (above); CI does not skip the Firefox tier"
  else
    say "SKIPPED: the Firefox end-to-end tier: Firefox ESR or geckodriver could not be installed here (above)"
  fi
  end_step
  say "all tiers passed; screenshots in $ARTIFACTS"
}

# --- demo, package ---------------------------------------------------------------

demo() {
  setup browser
  build_dist browser
  mkdir -p "$ARTIFACTS"
  (cd tests && XUNPAN_DIST="$DIST" XUNPAN_ARTIFACTS="$ARTIFACTS" node e2e/open-demo.mjs "$@")
}

# Zips dist/ for Chrome and for Firefox (one manifest for both).
package_dist() {
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
  setup browser
  build_dist browser
  package_dist >/dev/null
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

# --- fuzzing (a separate command: long, and not part of the tests) -----------------

# cargo-fuzz from crates.io. It runs on the stable toolchain: RUSTC_BOOTSTRAP=1 lets it
# pass its -Z flags, and stable ships the sanitizer runtimes libFuzzer needs.
ensure_cargo_fuzz() {
  cargo fuzz --version >/dev/null 2>&1 && return 0
  say "installing cargo-fuzz from crates.io (once, a few minutes)"
  cargo install -q cargo-fuzz --locked
}

# Both targets of fuzz/, each for XUNPAN_FUZZ_SECONDS (default 300): hostile_input
# (bytes at every door, seeded from the development data) and inquiry_shapes
# (inquiry-shaped JSON with any value in any field, from its kept corpus).
fuzz() {
  local corpus="$ROOT/../shared/corpus" seeds="$ROOT/fuzz/corpus/hostile_input"
  local seconds="${XUNPAN_FUZZ_SECONDS:-300}" target
  [ -f "$corpus/inquiries-dev.jsonl" ] || die "no ../shared/corpus/inquiries-dev.jsonl to seed the corpus from"
  ensure_rust
  ensure_cargo_fuzz
  mkdir -p "$seeds" "$ROOT/fuzz/corpus/inquiry_shapes"
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
  for target in hostile_input inquiry_shapes; do
    say "fuzzing $target for $seconds s (a crash stops here; its input is in fuzz/artifacts/$target/)"
    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1)
  done
}

case "${1:-}" in
  build) setup build; build_dist build ;;
  test) test_all ;;
  demo) shift; demo "$@" ;;
  package) setup browser; build_dist browser; package_dist ;;
  bench) bench ;;
  fuzz) fuzz ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
