#!/usr/bin/env bash
# Tier 0: the first run of `./build.sh` on a bare machine.
#
#   tests/bare-machine.sh [BUILD_SH]     (default: the build.sh beside tests/)
#
# Runs BUILD_SH's test, demo and build commands, each on a bare machine of its own: a
# CARGO_HOME whose bin/ holds only cargo, rustc and rustup, and a PATH of this machine's
# commands without wasm-bindgen, Chromium and its driver, Firefox, geckodriver, Node.js,
# npm, fc-list, openssl, zip or apt-get. The installers are stand-ins (rustup, cargo
# install, apt-get, npm) that record what they were asked for and put a stand-in of the
# tool where the real one would go, so nothing is downloaded and the check takes seconds.
# Each run is cut short at the first cargo command that is not an install, the first
# build step, once the installs (which run in the background, beside the first build
# steps) have stopped asking for more: by then every install the command needs must
# have been asked for. A second
# run on the same machine must install nothing and get as far.
#
# It fails when the script dies before that point (as the first release did, ending
# under `set -euo pipefail` when it asked the missing wasm-bindgen for its version),
# when a tool the command needs was never installed, or one it does not need was.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
script="$(realpath "${1:-$repo/build.sh}")"
[ -f "$script" ] || { echo "bare-machine: no build script at $script" >&2; exit 2; }

root="$(mktemp -d "${TMPDIR:-/tmp}/xunpan-bare-XXXXXX")"
trap 'rm -rf "$root"' EXIT
want_bindgen="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' "$repo/Cargo.lock")"

# This machine's commands, less the ones a bare machine lacks (and the installers,
# which are stand-ins below).
hidden=" apt apt-get sudo cargo rustc rustup wasm-bindgen wasm-bindgen-test-runner wasm2es6js
  wasm-opt chromium chromium-browser chromedriver google-chrome firefox firefox-esr geckodriver
  node nodejs npm npx corepack fc-list openssl zip "
declare -A seen=()
links=()
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
  [ -d "$dir" ] || continue
  for cmd in "$dir"/*; do
    name="${cmd##*/}"
    [ -z "${seen[$name]:-}" ] && [ -x "$cmd" ] || continue
    seen[$name]=1
    case "$hidden" in *" $name "*) continue ;; esac
    links+=("$cmd")
  done
done
sys="$root/sys"
mkdir -p "$sys"
ln -s -t "$sys" "${links[@]}"

# A stand-in tool: prints a version line, does nothing else.
tool() {
  printf '#!/bin/sh\necho "%s"\n' "$2" > "$1"
  chmod +x "$1"
}

stub() {
  cat > "$1"
  chmod +x "$1"
}

# A bare machine for one command, in $root/NAME: a checkout with what the setup reads
# (the lock files; nothing else is needed to reach the first build step), an empty
# CARGO_HOME but for the stand-ins of rustup, cargo and rustc, and the installers.
new_machine() {
  work="$root/$1"
  checkout="$work/checkout" cargo_home="$work/cargo" installed="$work/installed"
  log="$work/installs.log" reached="$work/reached"
  mkdir -p "$checkout/tests" "$cargo_home/bin" "$installed" "$work/home" "$work/usr/bin"
  touch "$log"
  cp "$script" "$checkout/build.sh"
  cp "$repo/Cargo.lock" "$checkout/"
  cp "$repo/tests/package.json" "$repo/tests/package-lock.json" "$checkout/tests/"

  stub "$cargo_home/bin/rustup" <<EOF
#!/bin/sh
# rustup: targets added are remembered; the host's is always there.
case "\$1 \$2" in
  "target list") echo x86_64-unknown-linux-gnu; cat "$work/targets" 2>/dev/null; exit 0 ;;
  "target add") shift 2; echo "rustup target add \$*" >> "$log"; printf '%s\n' "\$@" >> "$work/targets"; exit 0 ;;
esac
echo "rustup \$*" >> "$log"
EOF
  tool "$cargo_home/bin/rustc" "rustc 1.95.0 (stand-in)"

  stub "$cargo_home/bin/cargo" <<EOF
#!/bin/bash
# cargo: an install puts stand-ins of the crate's tools in CARGO_HOME/bin; any other
# command is the first build step, where the check stops the script (status 99).
set -u
case "\${1:-}" in
  install)
    echo "cargo \$*" >> "$log"
    version=""; crates=()
    shift
    while [ \$# -gt 0 ]; do
      case "\$1" in
        --version) version="\$2"; shift 2 ;;
        --root|--profile|--target|--features|-j|--jobs) shift 2 ;;
        -*) shift ;;
        *) crates+=("\$1"); shift ;;
      esac
    done
    for crate in "\${crates[@]}"; do
      name="\${crate%@*}"; [ "\$name" = "\$crate" ] || version="\${crate#*@}"
      case "\$name" in
        wasm-bindgen-cli)
          for bin in wasm-bindgen wasm-bindgen-test-runner wasm2es6js; do
            printf '#!/bin/sh\necho "%s %s"\n' "\$bin" "\${version:-0.0.0}" > "$cargo_home/bin/\$bin"
            chmod +x "$cargo_home/bin/\$bin"
          done ;;
        *) printf '#!/bin/sh\necho "%s %s"\n' "\$name" "\${version:-0.0.0}" > "$cargo_home/bin/\$name"
           chmod +x "$cargo_home/bin/\$name" ;;
      esac
    done
    exit 0 ;;
  generate-lockfile) echo "cargo \$*" >> "$log"; exit 0 ;;
esac
# A version query (cargo's, or a component's: cargo fmt --version) is not a build step.
for arg in "\$@"; do
  case "\$arg" in --version|-V) echo "cargo \${1:-} 1.95.0 (stand-in)"; exit 0 ;; esac
done
# The installs run in the background beside the first build steps: once the log of the
# installs asked for has been still for a second (the stand-ins take milliseconds), all
# were asked for.
last=""
for _ in \$(seq 40); do
  now="\$(wc -l < "$log")"
  [ "\$now" = "\$last" ] && break
  last="\$now"
  sleep 1
done
echo "cargo \$*" > "$reached"
exit 99
EOF

  stub "$installed/apt-get" <<EOF
#!/bin/bash
# apt-get: an install puts a stand-in of each package's command where it would go.
set -u
echo "apt-get \$*" >> "$log"
for pkg in "\$@"; do
  case "\$pkg" in
    chromium) printf '#!/bin/sh\necho "Chromium 1.0 (stand-in)"\n' > "$work/usr/bin/chromium"; chmod +x "$work/usr/bin/chromium" ;;
    chromium-driver) printf '#!/bin/sh\necho "ChromeDriver 1.0 (stand-in)"\n' > "$work/usr/bin/chromedriver"; chmod +x "$work/usr/bin/chromedriver" ;;
    firefox-esr|openssl|zip|nodejs)
      cmd="\$pkg"; [ "\$pkg" = nodejs ] && cmd=node
      printf '#!/bin/sh\necho "%s 1.0 (stand-in)"\n' "\$cmd" > "$installed/\$cmd"; chmod +x "$installed/\$cmd" ;;
    npm) cp "$work/npm" "$installed/npm" ;;
    fonts-wqy-microhei)
      printf '#!/bin/sh\necho "/usr/share/fonts/wqy-microhei.ttc: WenQuanYi Micro Hei:style=Regular"\n' > "$installed/fc-list"
      chmod +x "$installed/fc-list" ;;
  esac
done
EOF

  # npm (on the PATH once apt-get installed it): `npm ci` fills tests/node_modules with
  # the packages build.sh looks for.
  stub "$work/npm" <<EOF
#!/bin/sh
echo "npm \$*" >> "$log"
[ "\$1" = ci ] || exit 0
for pkg in playwright-core binaryen web-ext; do mkdir -p "node_modules/\$pkg"; done
mkdir -p node_modules/.bin && touch node_modules/.package-lock.json
EOF

  # sudo, for a check run by another user than root: runs the command as it is.
  stub "$installed/sudo" <<EOF
#!/bin/sh
exec "\$@"
EOF
}

passed=0
fail() { echo "bare-machine: $*" >&2; echo "  installs asked for:" >&2; sed 's/^/    /' "$log" >&2; exit 1; }

# Runs `build.sh COMMAND` on the current machine until the first build step.
run() {
  local command="$1" which="$2" status=0
  rm -f "$reached"
  (cd "$checkout" && env -i HOME="$work/home" LANG=C.UTF-8 PATH="$installed:$sys" \
    CARGO_HOME="$cargo_home" CHROMIUM="$work/usr/bin/chromium" CHROMEDRIVER_BIN="$work/usr/bin/chromedriver" \
    timeout 120 bash ./build.sh "$command") > "$work/out" 2>&1 || status=$?
  if [ "$status" != 99 ] || [ ! -f "$reached" ]; then
    echo "bare-machine: build.sh $command, $which: $script ended with status $status before its first build step; its last lines:" >&2
    tail -n 15 "$work/out" | sed 's/^/    /' >&2
    exit 1
  fi
}

# check COMMAND PATTERN... : on a new bare machine, COMMAND asks for an install matching
# each PATTERN (one prefixed with ! must match none), then a second run installs nothing.
check() {
  local command="$1" pattern first
  shift
  new_machine "$command"
  run "$command" "first run"
  for pattern in "$@"; do
    if [ "${pattern:0:1}" = "!" ]; then
      ! grep -Eq -- "${pattern:1}" "$log" || fail "build.sh $command asked for what it does not need: ${pattern:1}"
    else
      grep -Eq -- "$pattern" "$log" || fail "build.sh $command, first run, never asked for: $pattern"
    fi
  done
  first="$(wc -l < "$log")"
  echo "bare-machine: build.sh $command, first run: installed what was missing, reached the build ($(cat "$reached"))"
  run "$command" "second run"
  [ "$(wc -l < "$log")" = "$first" ] \
    || fail "build.sh $command, second run, installed again: $(tail -n +"$((first + 1))" "$log" | tr '\n' ';')"
  echo "bare-machine: build.sh $command, second run: installed nothing, reached the build"
  passed=$((passed + 2))
}

rust=("rustup target add wasm32-unknown-unknown" "cargo install .*wasm-bindgen-cli.*$want_bindgen" "npm ci")
browser=("apt-get install .*chromium( |$)" "apt-get install .*chromium-driver" "apt-get install .*fonts-wqy-microhei")
check test "${rust[@]}" "${browser[@]}" "apt-get install .*firefox-esr" "cargo install .*geckodriver"
check demo "${rust[@]}" "${browser[@]}" "!firefox-esr" "!geckodriver"
check build "${rust[@]}" "!chromium" "!firefox-esr" "!geckodriver"
echo "bare-machine: $passed passed, 0 failed"
