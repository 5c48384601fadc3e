#!/usr/bin/env bash
# The TypeScript client and the release dashboard against a running node, in a real browser.
# scripts/e2e.sh runs it (step 7) with the node up and its E2E_* environment (the header of
# scripts/e2e.sh): E2E_RPC, E2E_CHAIN_ID, E2E_PLAN, E2E_MEMBERSHIP, E2E_AUDIT_REGISTRY,
# E2E_COUNCIL_VOTE, E2E_RELEASE, E2E_RELEASE_ID, E2E_BUNDLE, E2E_TRAIL_HEAD, E2E_ARTIFACTS, ...
#
#   1. chromium   Debian's chromium, installed by apt-get when missing
#   2. client     ts/client: tsc, the unit tests, the codegen drift, then its node tests
#                 (the released release read at one height; a ballot signed with the
#                 voter's registered key sent through the package and read back)
#   3. dashboard  built (the verifier for wasm32, vite build) and served on 127.0.0.1 against
#                 the node, with the exported bundle (scripts/dashboard.sh, its own pid file in
#                 target/browser-test; stopped on exit)
#   4. browser    ts/dashboard/test/browser.test.ts: Playwright (playwright-core) driving
#                 chromium headless; screenshots into docs/screenshots/
# Prints `N passed, N failed` for the browser tests last; exits non-zero if anything failed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

for var in E2E_RPC E2E_CHAIN_ID E2E_PLAN E2E_MEMBERSHIP E2E_AUDIT_REGISTRY E2E_COUNCIL_VOTE \
  E2E_RELEASE E2E_RELEASE_ID E2E_BUNDLE E2E_ARTIFACTS; do
  if [[ -z ${!var:-} ]]; then
    echo "browser-test.sh: $var is not set; scripts/e2e.sh runs this script with the node up" >&2
    exit 2
  fi
done

out=$ROOT/target/browser-test
mkdir -p "$out"
export DASHBOARD_DIR=$out
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

# shellcheck disable=SC2317 # runs from the EXIT trap
cleanup() {
  scripts/dashboard.sh stop >/dev/null || true
}
trap cleanup EXIT

section "chromium"
if [[ ! -x $CHROMIUM ]]; then
  apt_install chromium fonts-liberation
fi
"$CHROMIUM" --version

section "dashboard build (npm ci if needed, the verifier for wasm32, vite build)"
scripts/dashboard.sh build

section "ts/client: tsc, unit tests, codegen drift"
npm run -s -w ts/client check

section "ts/client: node tests against $E2E_RPC"
npm run -s -w ts/client test:node

section "dashboard on 127.0.0.1 against $E2E_RPC"
scripts/dashboard.sh start --node "$E2E_RPC" --rest "${E2E_REST:-http://127.0.0.1:1317}" --chain-id "$E2E_CHAIN_ID" --plan "$E2E_PLAN" \
  --bundle "$E2E_BUNDLE" --port 0
url=$(<"$out/url")

section "browser tests (chromium headless)"
results=$out/results.json
rm -f "$results"
status=0
DASHBOARD_URL=$url CHROMIUM=$CHROMIUM SCREENSHOTS=$ROOT/docs/screenshots \
  npm run -s -w ts/dashboard test:browser -- --reporter=default --reporter=json \
  --outputFile.json="$results" || status=$?
if [[ -f $results ]]; then
  passed=$(json_get "$results" numPassedTests)
  failed=$(json_get "$results" numFailedTests)
  total=$(json_get "$results" numTotalTests)
else
  passed=0 failed=0 total=0
fi
if ((status == 0 && total == 0)); then
  echo "browser-test.sh: no browser test ran" >&2
  status=1
fi
echo "$passed passed, $failed failed"
exit "$status"
