#!/usr/bin/env bash
# Installs (or checks) every real tool the test suites run, on a Debian 12 / Node 20 machine that
# reaches only the npm registry and Debian's packages. Idempotent; fails loudly.
#   - AWS CLI v2 from Debian's `awscli` package (/usr/bin/aws): an oracle of the differential suite.
#   - botocore/boto3 and moto in the machine's python3: the botocore oracle and the live-check STS.
#     PyPI is not reachable, so these are checked, not installed.
#   - older JavaScript SDKs under test/differential/peers/ (npm ci from their locks).
#   - code-server, Chromium and friends for the real-VS-Code suites (scripts/setup-vscode-test-peers.sh).
# Environment: SKIP_APT=1 to never run apt-get; SKIP_VSCODE=1 to skip the VS Code peers.
set -euo pipefail
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '[setup-test-peers] %s\n' "$*"; }
die() { printf '[setup-test-peers] ERROR: %s\n' "$*" >&2; exit 1; }

apt_install() {
  [ "${SKIP_APT:-}" = 1 ] && die "missing Debian packages ($*) and SKIP_APT=1"
  [ "$(id -u)" = 0 ] || die "missing Debian packages ($*); run as root or install them: apt-get install -y $*"
  log "apt-get install -y $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x /usr/bin/aws ] || ! /usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2\.'; then
  apt_install awscli
fi
log "AWS CLI v2: $(/usr/bin/aws --version 2>&1)"

python3 - <<'PY' || die "python3 lacks botocore/boto3/moto (the differential and live tests need them; PyPI is unreachable here)"
import botocore, boto3, moto, shutil, sys
assert shutil.which('moto_server'), 'moto_server is not on PATH'
print(f"[setup-test-peers] python {sys.version.split()[0]}: botocore {botocore.__version__}, boto3 {boto3.__version__}, moto {moto.__version__}")
PY

# Older JavaScript SDKs beside the project's own, for the claims whose truth depends on the SDK's
# version (test/differential/claims.test.ts): each folder holds a package.json and its lock.
for peer in "$REPO_DIR"/test/differential/peers/js-sdk-*/; do
  want="$(node -p "require('$peer/package.json').dependencies['@aws-sdk/credential-providers']")"
  have="$(node -p "try { require('$peer/node_modules/@aws-sdk/credential-providers/package.json').version } catch { '' }")"
  if [ "$have" != "$want" ]; then
    log "npm ci in ${peer#"$REPO_DIR"/} (the JavaScript SDK $want)"
    (cd "$peer" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) || die "could not install the JavaScript SDK $want in $peer"
  fi
  log "JavaScript SDK $want in ${peer#"$REPO_DIR"/}"
done

if [ "${SKIP_VSCODE:-}" != 1 ]; then
  bash "$REPO_DIR/scripts/setup-vscode-test-peers.sh"
fi
