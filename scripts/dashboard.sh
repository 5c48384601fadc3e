#!/usr/bin/env bash
# The release dashboard (ts/dashboard) against a node: builds it and serves it on 127.0.0.1.
#
#   scripts/dashboard.sh build     npm ci if the workspace's packages are missing, the trail
#                                  verifier for wasm32 (packages/trail-verifier-wasm, release
#                                  profile, then wasm-opt -Oz), then vite build into
#                                  ts/dashboard/dist
#   scripts/dashboard.sh start [--node URL] [--rest URL] [--chain-id ID] [--plan FILE] [--bundle FILE] [--port N]
#                                  build, then serve in the background; prints the URL. Defaults:
#                                  the local node http://127.0.0.1:26657 (REST :1317, for Keplr), berty-local-1,
#                                  deploy/last-plan.json (written by scripts/deploy.sh), no
#                                  bundle (the page's Verify then takes a file), port 5180
#                                  (0: any free port)
#   scripts/dashboard.sh stop      ends the server this script started (its pid file)
#   scripts/dashboard.sh status    running or not, and the URL
#
# DASHBOARD_DIR (target/dashboard) holds server.pid, server.log and url, so that a second
# server (scripts/browser-test.sh's) can run beside the first.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

DIR=${DASHBOARD_DIR:-$ROOT/target/dashboard}
[[ $DIR == /* ]] || DIR=$ROOT/$DIR
PID_FILE=$DIR/server.pid
LOG_FILE=$DIR/server.log
URL_FILE=$DIR/url

usage() {
  sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# npm ci when a package the dashboard needs is not the version the lock pins.
ensure_node_modules() {
  local pkg want have
  for pkg in vite typescript @cosmjs/cosmwasm playwright-core binaryen; do
    want=$(json_get package-lock.json packages "node_modules/$pkg" version)
    have=""
    if [[ -f node_modules/$pkg/package.json ]]; then
      have=$(json_get "node_modules/$pkg/package.json" version)
    fi
    if [[ $have != "$want" ]]; then
      section "npm ci (node_modules/$pkg is ${have:-missing}, the lock pins $want)"
      npm ci --no-audit --no-fund --loglevel=error
      return
    fi
  done
}

# The verifier module the page loads: the release build passed through wasm-opt (build).
verifier_wasm() {
  echo "$(cargo_target_dir)/dashboard/berty_trail_verifier.wasm"
}

build() {
  ensure_rust
  ensure_node_modules
  section "trail verifier for $WASM_TARGET"
  cargo build --release --locked -q -p berty-trail-verifier-wasm --target "$WASM_TARGET"
  local built optimized
  built=$(cargo_target_dir)/$WASM_TARGET/release/berty_trail_verifier_wasm.wasm
  optimized=$(verifier_wasm)
  # The page downloads it: -Oz and no names halve it (1.16 MB -> 0.61 MB). Browsers run
  # bulk memory and the other features rustc enables, so nothing is lowered.
  if [[ ! -f $optimized || $built -nt $optimized ]]; then
    mkdir -p "$(dirname "$optimized")"
    "$WASM_OPT" -Oz --all-features --strip-debug --strip-producers "$built" -o "$optimized"
  fi
  printf '%s: %d bytes\n' "$optimized" "$(stat -c %s "$optimized")"
  section "vite build"
  npm run -s -w ts/dashboard build
}

# The pid of the server this script started, if it is still that process (a pid file left
# from before a reboot may name another process by now).
running_pid() {
  local pid args
  [[ -f $PID_FILE ]] || return 1
  pid=$(<"$PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  args=$(ps -o args= -p "$pid" 2>/dev/null) || return 1
  [[ $args == "node ts/dashboard/serve.mjs "* ]] || return 1
  echo "$pid"
}

start() {
  local node=http://127.0.0.1:26657 rest=http://127.0.0.1:1317 chain_id=berty-local-1 plan=deploy/last-plan.json bundle="" port=5180
  while (($#)); do
    case $1 in
      --node) node=$2; shift 2 ;;
      --rest) rest=$2; shift 2 ;;
      --chain-id) chain_id=$2; shift 2 ;;
      --plan) plan=$2; shift 2 ;;
      --bundle) bundle=$2; shift 2 ;;
      --port) port=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  if running_pid >/dev/null; then
    echo "dashboard: already running at $(<"$URL_FILE") (pid $(<"$PID_FILE"))"
    return
  fi
  [[ -f $plan ]] || { echo "dashboard.sh: no deployment plan $plan (scripts/deploy.sh writes deploy/last-plan.json)" >&2; exit 1; }
  build
  mkdir -p "$DIR"
  rm -f "$URL_FILE"
  local args=(--node "$node" --rest "$rest" --chain-id "$chain_id" --plan "$plan" --wasm "$(verifier_wasm)" --port "$port")
  [[ -z $bundle ]] || args+=(--bundle "$bundle")
  node ts/dashboard/serve.mjs "${args[@]}" >"$LOG_FILE" 2>&1 &
  local pid=$! i url=""
  echo "$pid" >"$PID_FILE"
  for ((i = 0; i < 100; i++)); do
    url=$(sed -n 's#^serving \(http://[^ ]*\).*#\1#p' "$LOG_FILE")
    [[ -n $url ]] && break
    # the pid just forked (until it execs node, ps shows this script's command line)
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      echo "dashboard.sh: the server did not start" >&2
      exit 1
    fi
    sleep 0.1
  done
  [[ -n $url ]] || { echo "dashboard.sh: the server did not listen within 10 s" >&2; exit 1; }
  echo "$url" >"$URL_FILE"
  echo "dashboard: $url (node $node, pid $(<"$PID_FILE"); stop: scripts/dashboard.sh stop)"
}

stop() {
  local pid i
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE" "$URL_FILE"
    echo "dashboard: not running"
    return
  fi
  kill -TERM "$pid"
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$URL_FILE"
  echo "dashboard: stopped (pid $pid)"
}

status() {
  local pid
  if pid=$(running_pid); then
    echo "dashboard: running at $(<"$URL_FILE") (pid $pid)"
  else
    echo "dashboard: not running"
    return 3
  fi
}

case ${1:-} in
  build) build ;;
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
