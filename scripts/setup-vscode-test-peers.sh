#!/usr/bin/env bash
# Installs what the real-VS-Code tests (test/vscode/, test/ui/) need on a Debian 12 / Node 20 machine
# that reaches only the npm registry and Debian's packages:
#   - Debian packages: chromium (driven by playwright-core), ripgrep (VS Code's search needs rg;
#     @vscode/ripgrep's download cannot work here), libkrb5-dev + pkg-config + a C++ toolchain
#     (native modules of VS Code are rebuilt from source), fonts (so screenshots have text),
#     zsh and fish (the terminal tests run real shells with shell integration), unzip (the
#     packaging test reads the .vsix).
#   - two lines of code-server, each in its own git-ignored folder, installed with --ignore-scripts
#     and then finished by hand: native rebuilds, the rg copy, and the links its own postinstall
#     would make:
#       .vscode-test/code-server/         code-server@4.100.3 = VS Code 1.100.3, the last line that
#                                         runs on Node 20 (every suite runs here)
#       .vscode-test/code-server-4.93.1/  code-server@4.93.1 = VS Code 1.93.1, the oldest VS Code the
#                                         extension supports (engines.vscode ^1.93.0): the
#                                         extension-host suite and the .vsix test run here too
#
# Idempotent: each line is skipped when its stamp file matches and `code-server --version` answers
# with the expected version; an installed line is never touched while another is installed.
# Fails loudly (non-zero exit, message on stderr) when something cannot be installed.
#
# Environment:
#   VSCODE_TEST_DIR        where to install (default: <repo>/.vscode-test)
#   CODE_SERVER_LINES      the lines, as "code-server-version=vscode-version:folder ..." (default:
#                          "4.100.3=1.100.3:code-server 4.93.1=1.93.1:code-server-4.93.1"; each needs
#                          Node 20: lines after 4.100 need Node 22+)
#   SKIP_APT=1             do not run apt-get (e.g. not root; packages must then be present)
#   FORCE=1                reinstall code-server even if the stamp is good

set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VSCODE_TEST_DIR="${VSCODE_TEST_DIR:-$REPO_DIR/.vscode-test}"
CODE_SERVER_LINES="${CODE_SERVER_LINES:-4.100.3=1.100.3:code-server 4.93.1=1.93.1:code-server-4.93.1}"
# Bump RECIPE_REV when the install steps below change, so existing installs are redone.
RECIPE_REV=2

START_TS=$(date +%s)
log() { printf '[setup-vscode-test-peers] %s\n' "$*"; }
die() { printf '[setup-vscode-test-peers] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; if [ $rc -ne 0 ]; then printf "[setup-vscode-test-peers] FAILED (exit %s) after %ss; last command: %s\n" "$rc" "$(( $(date +%s) - START_TS ))" "$BASH_COMMAND" >&2; fi' EXIT
step() { log "--- $* ($(( $(date +%s) - START_TS ))s)"; }

# ---------- prerequisites ----------
command -v node >/dev/null || die "node is not on PATH (Node 20 is required)"
command -v npm >/dev/null || die "npm is not on PATH"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" != "20" ]; then
  die "code-server ($CODE_SERVER_LINES) needs Node 20, found $(node -v). (Node 22 needs code-server >= 4.101.)"
fi

# ---------- Debian packages ----------
APT_PACKAGES=(chromium ripgrep libkrb5-dev pkg-config build-essential python3 git zsh fish unzip
              fonts-dejavu-core fonts-liberation ca-certificates)
# What each package must provide, checked after install (command or file).
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

step "Debian packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do have_pkg "$p" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  log "all present: ${APT_PACKAGES[*]}"
elif [ "${SKIP_APT:-0}" = "1" ]; then
  die "SKIP_APT=1 but these Debian packages are missing: ${missing[*]}"
else
  [ "$(id -u)" = "0" ] || die "need root for apt-get (missing: ${missing[*]}); run as root or install them, then SKIP_APT=1"
  log "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || die "apt-get update failed"
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
fi
for cmd in chromium rg pkg-config g++ make python3; do
  command -v "$cmd" >/dev/null || die "'$cmd' still not on PATH after installing Debian packages"
done
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing"
pkg-config --exists krb5-gssapi || die "pkg-config cannot find krb5-gssapi (libkrb5-dev)"
log "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
log "ripgrep:  $(rg --version | head -1)"

# ---------- code-server ----------
# npm should not try to reach anything but the registry; keep its noise down.
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_yes=true
mkdir -p "$VSCODE_TEST_DIR/tmp-home"
# One installer at a time in a shared folder (several clones may link the same .vscode-test).
exec 9>"$VSCODE_TEST_DIR/.setup.lock"
flock 9

# install_line VERSION VSCODE_VERSION FOLDER: code-server@VERSION (= VS Code VSCODE_VERSION) in
# $VSCODE_TEST_DIR/FOLDER, unless its stamp and `--version` say it is already there.
install_line() {
  local CODE_SERVER_VERSION="$1" VSCODE_VERSION_EXPECTED="$2" CS_DIR="$VSCODE_TEST_DIR/$3"
  local STAMP="$CS_DIR/.installed-stamp"
  local STAMP_CONTENT="recipe=$RECIPE_REV code-server@$CODE_SERVER_VERSION node=$(node -p 'process.versions.modules' 2>/dev/null || echo none) $(uname -m)"
  local CS_BIN="$CS_DIR/node_modules/.bin/code-server"
  local CS_PKG="$CS_DIR/node_modules/code-server"
  local VS="$CS_PKG/lib/vscode"
  local NATIVE=(kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog)

  cs_version_ok() {
    [ -x "$CS_BIN" ] || return 1
    local out
    # On its first run code-server may print "Wrote default config file ..." before the version line.
    out="$(HOME="$VSCODE_TEST_DIR/tmp-home" timeout 60 "$CS_BIN" --version 2>/dev/null)" || return 1
    grep -q "^$CODE_SERVER_VERSION .*with Code $VSCODE_VERSION_EXPECTED" <<<"$out"
  }
  installed_version() { node -p "require('$CS_PKG/package.json').version" 2>/dev/null || true; }

  step "code-server@$CODE_SERVER_VERSION in $CS_DIR"
  if [ "${FORCE:-0}" != "1" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_CONTENT" ] && cs_version_ok; then
    log "already installed ($(cat "$STAMP")); nothing to do"
    return 0
  fi
  rm -f "$STAMP"

  mkdir -p "$CS_DIR"
  if [ ! -f "$CS_DIR/package.json" ]; then
    printf '{ "name": "vscode-test-code-server", "private": true, "description": "code-server for the real-VS-Code tests; installed by scripts/setup-vscode-test-peers.sh" }\n' > "$CS_DIR/package.json"
  fi

  if [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] && [ "${FORCE:-0}" != "1" ]; then
    log "npm package code-server@$CODE_SERVER_VERSION already present"
  else
    step "npm install code-server@$CODE_SERVER_VERSION --ignore-scripts"
    (cd "$CS_DIR" && npm install --ignore-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION") \
      || die "npm install code-server@$CODE_SERVER_VERSION failed"
  fi
  [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] || die "code-server package not found at $CS_PKG after install"
  [ -d "$VS" ] || die "$VS missing: the code-server package looks incomplete"

  # --legacy-peer-deps as code-server's own postinstall.sh: VS Code pins pre-releases (xterm betas) that
  # npm's peer resolution refuses (4.93).
  step "lib/vscode: npm install --omit=dev --ignore-scripts --legacy-peer-deps"
  (cd "$VS" && npm install --omit=dev --ignore-scripts --legacy-peer-deps --loglevel=error) || die "npm install in lib/vscode failed"

  step "lib/vscode: npm rebuild ${NATIVE[*]}"
  (cd "$VS" && npm rebuild --loglevel=error "${NATIVE[@]}") \
    || die "native rebuild in lib/vscode failed (need libkrb5-dev, pkg-config, g++, make, python3)"
  for m in "${NATIVE[@]}"; do
    (cd "$VS" && node -e "require('$m')") || die "native module $m does not load after rebuild"
  done
  log "native modules load: ${NATIVE[*]}"

  step "lib/vscode: ripgrep from Debian"
  local RG_DIR="$VS/node_modules/@vscode/ripgrep/bin"
  mkdir -p "$RG_DIR"
  cp -f "$(command -v rg)" "$RG_DIR/rg"
  chmod +x "$RG_DIR/rg"
  "$RG_DIR/rg" --version >/dev/null || die "copied rg does not run"

  step "lib/vscode: links made by code-server's postinstall"
  (cd "$VS" && ln -sfn node_modules node_modules.asar)
  [ -f "$VS/bin/remote-cli/code-linux.sh" ] || die "$VS/bin/remote-cli/code-linux.sh missing"
  (cd "$VS/bin/remote-cli" && ln -sfn code-linux.sh code-server)
  [ -f "$VS/bin/helpers/browser-linux.sh" ] || die "$VS/bin/helpers/browser-linux.sh missing"
  (cd "$VS/bin/helpers" && ln -sfn browser-linux.sh browser.sh)

  step "lib/vscode/extensions: npm install --omit=dev --ignore-scripts --legacy-peer-deps"
  (cd "$VS/extensions" && npm install --omit=dev --ignore-scripts --legacy-peer-deps --loglevel=error) \
    || die "npm install in lib/vscode/extensions failed"

  step "code-server: npm rebuild argon2"
  (cd "$CS_DIR" && npm rebuild --loglevel=error argon2) || die "npm rebuild argon2 failed"

  step "check: code-server --version"
  cs_version_ok || die "code-server --version does not report $CODE_SERVER_VERSION with Code $VSCODE_VERSION_EXPECTED: $(HOME="$VSCODE_TEST_DIR/tmp-home" "$CS_BIN" --version 2>&1 | head -3)"
  log "code-server --version: $(HOME="$VSCODE_TEST_DIR/tmp-home" "$CS_BIN" --version 2>/dev/null | grep "with Code")"
  printf '%s\n' "$STAMP_CONTENT" > "$STAMP"
  log "installed; stamp written to $STAMP"
}

for line in $CODE_SERVER_LINES; do
  version="${line%%=*}" rest="${line#*=}"
  install_line "$version" "${rest%%:*}" "${rest#*:}"
done
log "done in $(( $(date +%s) - START_TS ))s"
