#!/usr/bin/env bash
# The Berty process on a real chain: a wasmd node on 127.0.0.1 (scripts/localnet.sh, a
# fresh chain), the real deployment (scripts/deploy.sh: the four contracts at their planned
# instantiate2 addresses), the demo's process replayed on it step for step, the trail
# exported from the node and verified offline, and each transaction's gas compared with the
# embedded chain's. The node is stopped at the end, also when a step fails.
#
#   scripts/e2e.sh            exits non-zero naming the failing step
#
# Steps:
#   1. build      the artifacts if missing; berty-demo, berty-e2e, berty-bench, berty-trail
#   2. runs       berty-demo writes its two runs as data for chain berty-local-1: the
#                 whitelist process (deploy/config.json) and the staked one
#                 (deploy/e2e-staked.json: bonds, a challenged report, the Council's ruling,
#                 the slash, an unbonding and its claim, 5-second periods); berty-bench writes
#                 the cw3-flex-multisig + cw4-group decision (bench/cw-plus/artifacts, built
#                 when missing)
#   3. node       scripts/localnet.sh start (a fresh chain; wasmd built when missing), then
#                 what it promises of the running node: a second start is harmless, a second
#                 node on the same ports is refused naming the port, and its stop (and
#                 scripts/dashboard.sh's) ends only the process it started: a foreign pid in
#                 its pid file is left alone
#   4. deploy     scripts/deploy.sh twice on the same chain: deploy/config.json by key
#                 `deployer`, deploy/e2e-staked.json by key `deployer-staked` (another
#                 creator, so other addresses); each transaction recorded
#   5. replay     berty-e2e replay of each run: every step sent by the CLI with its sender's
#                 key, its refusals refused with the contract's text, its out-of-gas step
#                 included and changing nothing, every balance before and after, every answer
#   6. export     scripts/export-bundle.sh of the released release from the node, then
#                 berty-trail verify --trail-head with the head the node answers
#   7. browser    scripts/browser-test.sh, if it exists and is executable (below)
#   8. stop       scripts/localnet.sh stop
#   9. calibrate  berty-e2e calibrate: the message part of every transaction's gas_used
#                 (gas_used minus the ante handler's part, berty_chain::gas::ante) against
#                 berty-chain's, within 1 %; the table in target/e2e/calibration.md and
#                 bench/calibration.md
#
# The hook for browser and client tests: after step 6, with the node still running,
# scripts/browser-test.sh runs (its failure fails the run) with this environment:
#   E2E_RPC            the node's CometBFT RPC, e.g. http://127.0.0.1:26657 (CORS *)
#   E2E_REST           its REST API (and gRPC-web), e.g. http://127.0.0.1:1317
#   E2E_CHAIN_ID       berty-local-1
#   E2E_HOME           the CLI's home (its `test` keyring has the demo's keys: alice ...)
#   E2E_KEYRING_BACKEND test
#   E2E_CLI            the wasmd binary
#   E2E_KEYS           a JSON file: key name -> address
#   E2E_PLAN           the whitelist deployment's plan (a copy of deploy/last-plan.json):
#                      the four contract addresses and instantiate messages
#   E2E_STAKED_PLAN    the staked deployment's plan
#   E2E_MEMBERSHIP, E2E_AUDIT_REGISTRY, E2E_COUNCIL_VOTE, E2E_RELEASE
#                      the whitelist deployment's contract addresses
#   E2E_RELEASE_ID     the release the demo took to `released` (2.500.0)
#   E2E_BUNDLE         the bundle exported from the node (verified)
#   E2E_ARTIFACTS      the released release's artifact files, `:`-separated (the demo's)
#   E2E_TRAIL_HEAD     the release log head the node answers
#
# Outputs in target/e2e/: the runs (*.run.json), what the node measured (*.result.json),
# bundle.json, calibration.md, and per step its duration (durations.txt).
# Environment: LOCALNET_* as scripts/localnet.sh reads them (ports, LOCALNET_DIR).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

out=target/e2e
chain_id=berty-local-1
# the artifact files of the release the whitelist run takes to `released`
artifact_files=("$ROOT/$out/demo-whitelist/berty-2.500.0.apk" "$ROOT/$out/demo-whitelist/berty-2.500.0.ipa")
rm -rf "$out"
mkdir -p "$out"

durations=()
current=""
node_started=false

finish() {
  local status=$?
  if $node_started; then
    scripts/localnet.sh stop || true
  fi
  if ((${#durations[@]})); then
    printf '%s\n' "${durations[@]}" >"$out/durations.txt"
    section "Durations"
    printf '  %s\n' "${durations[@]}"
  fi
  if ((status != 0)); then
    echo "e2e.sh: FAILED at step: ${current:-setup}" >&2
  fi
  exit "$status"
}
trap finish EXIT

# step NAME COMMAND...: runs one step, timed; a failure ends the run naming NAME.
step() {
  current=$1
  shift
  section "e2e: $current"
  local start=$SECONDS
  "$@"
  durations+=("$(printf '%-10s %4d s' "$current" $((SECONDS - start)))")
}

build() {
  ensure_rust
  ensure_wasm_opt
  local name need=false
  for name in berty_membership berty_audit_registry berty_council_vote berty_release; do
    [[ -f artifacts/$name.wasm ]] || need=true
  done
  [[ -f artifacts/checksums.txt ]] || need=true
  if $need; then scripts/build.sh; fi
  ensure_cw_plus_artifacts
  cargo build -q --locked -p berty-chain --bin berty-demo --bin berty-e2e --bin berty-bench
  cargo build -q --locked -p berty-trail-verifier --bin berty-trail
  cargo build -q --locked -p berty-deploy
  bin=$(cargo_target_dir)/debug
}

runs() {
  "$bin/berty-demo" --config deploy/config.json --chain-id "$chain_id" --deployer deployer \
    --out "$out/demo-whitelist" --run "$out/whitelist.run.json" >"$out/demo-whitelist.log"
  "$bin/berty-demo" --config deploy/e2e-staked.json --chain-id "$chain_id" --deployer deployer-staked \
    --out "$out/demo-staked" --run "$out/staked.run.json" >"$out/demo-staked.log"
  "$bin/berty-bench" --node-run "$out/cw3.run.json" --chain-id "$chain_id" \
    --cw-plus bench/cw-plus/artifacts
  echo "runs: $out/whitelist.run.json, $out/staked.run.json, $out/cw3.run.json"
}

start_node() {
  scripts/localnet.sh start
  node_started=true
  eval "$(scripts/localnet.sh env)"
  node_flags=(--cli "$LOCALNET_BIN" --home "$LOCALNET_HOME" --node "$LOCALNET_NODE"
    --api "$LOCALNET_API" --chain-id "$LOCALNET_CHAIN_ID" --keyring-backend "$LOCALNET_KEYRING_BACKEND")
}

# fail MESSAGE: a failed check of this script's own.
fail() {
  echo "e2e.sh: $*" >&2
  return 1
}

lifecycle() {
  local pid answer foreign other=$ROOT/$out/second-node rpc_port=${LOCALNET_NODE##*:}
  pid=$(scripts/localnet.sh status | sed -n 's/.*(pid \([0-9]*\)).*/\1/p')
  answer=$(scripts/localnet.sh start)
  [[ $answer == "localnet: already running (pid $pid)"* ]] || fail "a second start said: $answer"
  if answer=$(LOCALNET_DIR=$other scripts/localnet.sh start 2>&1); then
    LOCALNET_DIR=$other scripts/localnet.sh stop
    fail "a second node started on the ports of the first"
  fi
  [[ $answer == *"port $rpc_port (rpc) on 127.0.0.1 is in use"* ]] || fail "a second node on the same ports said: $answer"
  # pid files naming a process neither script started (as after a reboot)
  # (silent: were a check below to fail first, it must not hold the output open)
  sleep 600 >/dev/null 2>&1 &
  foreign=$!
  echo "$foreign" >"$other/node.pid"
  mkdir -p "$other/dashboard"
  echo "$foreign" >"$other/dashboard/server.pid"
  answer=$(LOCALNET_DIR=$other scripts/localnet.sh stop)$'\n'$(DASHBOARD_DIR=$other/dashboard scripts/dashboard.sh stop)
  if ! kill -0 "$foreign" 2>/dev/null; then fail "a stop ended pid $foreign, which it did not start"; fi
  kill "$foreign"
  [[ $answer == $'localnet: not running\ndashboard: not running' ]] || fail "stop with a foreign pid said: $answer"
  scripts/localnet.sh status
  echo "lifecycle: a second start is harmless, the ports are guarded, a foreign pid is left alone"
}

deploy() {
  local common=(--chain-id "$LOCALNET_CHAIN_ID" --node "$LOCALNET_NODE" --cli "$LOCALNET_BIN"
    --keyring-backend "$LOCALNET_KEYRING_BACKEND" --home "$LOCALNET_HOME")
  scripts/deploy.sh --from deployer --config deploy/config.json "${common[@]}" \
    --record "$out/deploy-whitelist.tsv"
  cp deploy/last-plan.json "$out/plan-whitelist.json"
  scripts/deploy.sh --from deployer-staked --config deploy/e2e-staked.json "${common[@]}" \
    --record "$out/deploy-staked.tsv"
  cp deploy/last-plan.json "$out/plan-staked.json"
  # deploy/last-plan.json names the whitelist deployment, the one the demo releases on
  cp "$out/plan-whitelist.json" deploy/last-plan.json
}

replay() {
  "$bin/berty-e2e" replay "$out/whitelist.run.json" --out "$out/whitelist.result.json" \
    "${node_flags[@]}" --deploy-txs "$out/deploy-whitelist.tsv"
  "$bin/berty-e2e" replay "$out/staked.run.json" --out "$out/staked.result.json" \
    "${node_flags[@]}" --deploy-txs "$out/deploy-staked.tsv"
  "$bin/berty-e2e" replay "$out/cw3.run.json" --out "$out/cw3.result.json" "${node_flags[@]}"
}

export_verify() {
  local assignments
  assignments=$("$bin/berty-e2e" env "$out/whitelist.run.json")
  eval "$assignments"
  BERTY_TRAIL=$bin/berty-trail scripts/export-bundle.sh --cli "$LOCALNET_BIN" --node "$LOCALNET_NODE" --chain-id "$LOCALNET_CHAIN_ID" \
    --release "$RELEASE_CONTRACT" --release-id "$RELEASE_ID" >"$out/bundle.json"
  trail_head=$("$bin/berty-e2e" trail-head --cli "$LOCALNET_BIN" --node "$LOCALNET_NODE" \
    --release "$RELEASE_CONTRACT" --release-id "$RELEASE_ID")
  echo "trail head on the node: $trail_head"
  local file flags=()
  for file in "${artifact_files[@]}"; do flags+=(--artifact "$file"); done
  "$bin/berty-trail" verify "$out/bundle.json" --trail-head "$trail_head" "${flags[@]}"
}

browser() {
  if [[ ! -x scripts/browser-test.sh ]]; then
    echo "no executable scripts/browser-test.sh: nothing to run"
    return
  fi
  E2E_RPC=$LOCALNET_NODE E2E_REST=$LOCALNET_API E2E_CHAIN_ID=$LOCALNET_CHAIN_ID \
    E2E_HOME=$LOCALNET_HOME E2E_KEYRING_BACKEND=$LOCALNET_KEYRING_BACKEND E2E_CLI=$LOCALNET_BIN \
    E2E_KEYS=$LOCALNET_KEYS E2E_PLAN=$ROOT/$out/plan-whitelist.json \
    E2E_STAKED_PLAN=$ROOT/$out/plan-staked.json \
    E2E_MEMBERSHIP=$CONTRACT_MEMBERSHIP E2E_AUDIT_REGISTRY=$CONTRACT_AUDIT_REGISTRY \
    E2E_COUNCIL_VOTE=$CONTRACT_COUNCIL_VOTE E2E_RELEASE=$CONTRACT_RELEASE \
    E2E_RELEASE_ID=$RELEASE_ID E2E_BUNDLE=$ROOT/$out/bundle.json E2E_TRAIL_HEAD=$trail_head \
    E2E_ARTIFACTS=$(IFS=:; echo "${artifact_files[*]}") \
    scripts/browser-test.sh
}

stop() {
  scripts/localnet.sh stop
  node_started=false
}

calibrate() {
  "$bin/berty-e2e" calibrate "$out/whitelist.result.json" "$out/staked.result.json" \
    "$out/cw3.result.json" --markdown "$out/calibration.md"
  # the committed record: the table between bench/calibration.md's markers
  awk -v table="$out/calibration.md" '
    /^<!-- \/calibration -->$/ { while ((getline line < table) > 0) print line; skip = 0 }
    !skip { print }
    /^<!-- calibration: written by scripts\/e2e.sh -->$/ { skip = 1 }
  ' bench/calibration.md >"$out/calibration.doc.md"
  mv "$out/calibration.doc.md" bench/calibration.md
}

step build build
step runs runs
step node start_node
step lifecycle lifecycle
step deploy deploy
step replay replay
step export export_verify
step browser browser
step stop stop
step calibrate calibrate
current=""
section "e2e: passed (target/e2e: runs, results, bundle.json, calibration.md)"
