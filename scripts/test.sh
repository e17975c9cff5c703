#!/usr/bin/env bash
# `npm test`: every suite, in one mocha run, ending with "N passed, N failed, N skipped".
# npm's pretest has already built dist/ and compiled out/. The real tools are installed or checked
# first; in CI (CI=true) a missing real tool fails the run instead of being skipped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-test-peers.sh
export VSCODE_TEST_REQUIRED="${VSCODE_TEST_REQUIRED:-${CI:+1}}"
exec npx mocha --reporter test/support/summaryReporter.js \
  'out/test/unit/**/*.test.js' \
  'out/test/support/**/*.test.js' \
  'out/test/differential/**/*.test.js' \
  'out/test/vscode/**/*.test.js' \
  'out/test/ui/**/*.test.js' \
  'out/test/live/**/*.test.js' \
  "$@"
