#!/usr/bin/env bash
# A real wasmd node on loopback, built by the project from the wasmd release pinned in
# localnet/go.mod: one validator, chain id berty-local-1, a block about every 200 ms, every
# listener on 127.0.0.1, zero minimum gas price, and the demo's keys (the seeds of
# deploy/config.json, plus spare-1..spare-4) in a `test` keyring, funded with the staking
# denom and with uberty. See localnet/README.md for the CLI facts tests need.
#
#   scripts/localnet.sh build    build target/localnet/bin/wasmd if missing or localnet/go.mod,
#                                go.sum or the build recipe changed
#   scripts/localnet.sh start    build if needed, make a fresh chain (the old home is wiped) and
#                                run the node in the background; returns once blocks are made.
#                                Harmless when already running (the running chain is kept)
#   scripts/localnet.sh stop     end the node this script started (its pid file), wait for it
#   scripts/localnet.sh status   running or not, height, RPC URL
#   scripts/localnet.sh env      shell assignments for other scripts: LOCALNET_BIN, _HOME,
#                                _NODE, _API, _CHAIN_ID, _KEYS (name -> address JSON),
#                                _KEYRING_BACKEND, _DENOM, _BOND_DENOM
#
# Ports, from the environment: LOCALNET_RPC_PORT (26657), LOCALNET_P2P_PORT (26656),
# LOCALNET_API_PORT (1317, REST and gRPC-web), LOCALNET_GRPC_PORT (9090), LOCALNET_PPROF_PORT
# (6060). LOCALNET_CONFIG (deploy/config.json): its members must be keys of the seeds;
# LOCALNET_START_TIMEOUT (60 s). LOCALNET_DIR (target/localnet): where the node's home,
# node.log, node.pid and rpc-url live, so that a second node (with other ports) can run
# beside the first; the binary and the Go caches stay in target/localnet.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

CHAIN_ID=berty-local-1
DENOM=stake        # the staking (and fee) denom
BOND_DENOM=uberty  # the denom staked-mode auditors bond
AMOUNT=1000000000000000 # of each denom, to every key
SELF_DELEGATION=100000000000$DENOM

BUILD_DIR=$ROOT/target/localnet # the binary and the Go caches, shared by every node
BIN=$BUILD_DIR/bin/wasmd
STAMP=$BUILD_DIR/bin/wasmd.stamp
DIR=${LOCALNET_DIR:-$BUILD_DIR}
[[ $DIR == /* ]] || DIR=$ROOT/$DIR
NODE_HOME=$DIR/home
LOG=$DIR/node.log
PID_FILE=$DIR/node.pid
RPC_FILE=$DIR/rpc-url # the RPC URL of the running node, for status and env
API_FILE=$DIR/api-url

RPC_PORT=${LOCALNET_RPC_PORT:-26657}
P2P_PORT=${LOCALNET_P2P_PORT:-26656}
API_PORT=${LOCALNET_API_PORT:-1317}
GRPC_PORT=${LOCALNET_GRPC_PORT:-9090}
PPROF_PORT=${LOCALNET_PPROF_PORT:-6060}
CONFIG=${LOCALNET_CONFIG:-deploy/config.json}
START_TIMEOUT=${LOCALNET_START_TIMEOUT:-60}

# Every key gets the secp256k1 secret key sha256("berty-demo/<name>"), as
# packages/berty-testing/src/keys.rs derives them; the first eleven are deploy/config.json's
# members, with the role each must hold there.
MEMBERS=(
  alice:activists amir:activists ana:activists
  tara:technologists tom:technologists theo:technologists
  carol:core_team_rep cyrus:core_team_rep
  audit-one:auditor audit-two:auditor audit-three:auditor
)
DEPLOYER_ADDR=wasm1hef7hwzapr5za7veg4wqsvthf2psv3sxx2drvn # berty-demo/deployer
# Besides the members: the demo's auditors the Council appoints (ursula, victor), the
# challenger of the staked run (chloe) and its deployer (deployer-staked: another creator,
# so that its instantiate2 addresses differ on the same chain).
KEYS=(validator deployer deployer-staked ursula victor chloe spare-1 spare-2 spare-3 spare-4)
for member in "${MEMBERS[@]}"; do KEYS+=("${member%%:*}"); done

die() {
  echo "localnet.sh: $*" >&2
  exit 1
}

# --- build -----------------------------------------------------------------------------------

go_env() {
  # Module downloads and the build cache live in target/ (writable, so `rm -rf target` works).
  env GOMODCACHE="$BUILD_DIR/gomod" GOCACHE="$BUILD_DIR/gocache" GOFLAGS="-modcacherw -mod=readonly" GOWORK=off \
    CGO_ENABLED=1 "$@"
}

# What the binary is built from: the module files and this recipe.
RECIPE="wasmd cmd, cosmos-sdk version ldflags, libwasmvm beside the binary, rpath \$ORIGIN"
build_stamp() {
  { cat localnet/go.mod localnet/go.sum; echo "$RECIPE"; } | sha256sum | cut -d' ' -f1
}

build() {
  if [[ -x $BIN && -f $STAMP && $(<"$STAMP") == "$(build_stamp)" ]]; then
    return
  fi
  command -v go >/dev/null || die "go is required to build wasmd (localnet/go.mod says which)"
  section "Building wasmd (localnet/go.mod) into $BUILD_DIR/bin"
  local start=$SECONDS version wasmvm lib
  mkdir -p "$BUILD_DIR/bin"
  version=$(cd localnet && go_env go list -m -f '{{.Version}}' github.com/CosmWasm/wasmd)
  # The same -X flags as wasmd's Makefile, so `wasmd version` names the release. libwasmvm
  # is linked from the wasmvm module (rpath into the module cache); it is also copied beside
  # the binary, found through $ORIGIN, so the binary runs without the module cache.
  local ldflags="-X github.com/cosmos/cosmos-sdk/version.Name=wasm
    -X github.com/cosmos/cosmos-sdk/version.AppName=wasmd
    -X github.com/cosmos/cosmos-sdk/version.Version=${version#v}
    -extldflags=-Wl,-rpath,\$ORIGIN"
  (cd localnet && go_env go build -ldflags "${ldflags//$'\n'    / }" -o "$BIN.new" \
    github.com/CosmWasm/wasmd/cmd/wasmd)
  wasmvm=$(cd localnet && go_env go list -m -f '{{.Dir}}' github.com/CosmWasm/wasmvm/v3)
  lib=libwasmvm.$(uname -m).so
  cp "$wasmvm/internal/api/$lib" "$BUILD_DIR/bin/$lib.new"
  mv "$BUILD_DIR/bin/$lib.new" "$BUILD_DIR/bin/$lib"
  mv "$BIN.new" "$BIN"
  "$BIN" version >/dev/null || die "the built $BIN does not run"
  build_stamp >"$STAMP"
  echo "wasmd $("$BIN" version) built in $((SECONDS - start)) s"
}

# --- the running node ------------------------------------------------------------------------

# The pid of the node this script started, if it is still that process.
running_pid() {
  local pid args
  [[ -f $PID_FILE ]] || return 1
  pid=$(<"$PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  args=$(ps -o args= -p "$pid" 2>/dev/null) || return 1
  [[ $args == "$BIN start --home $NODE_HOME"* ]] || return 1
  echo "$pid"
}

rpc_url() {
  if [[ -f $RPC_FILE ]]; then cat "$RPC_FILE"; else echo "http://127.0.0.1:$RPC_PORT"; fi
}

api_url() {
  if [[ -f $API_FILE ]]; then cat "$API_FILE"; else echo "http://127.0.0.1:$API_PORT"; fi
}

# The latest block height the node reports, or nothing.
height() {
  local status
  status=$(curl -sf --max-time 2 "$1/status" 2>/dev/null) || return 0
  sed -n 's/.*"latest_block_height": *"\([0-9]*\)".*/\1/p' <<<"$status"
}

# Fails naming the first of the node's ports that something is listening on (a connection
# to it on 127.0.0.1 succeeds).
check_ports() {
  local pair name port
  for pair in rpc="$RPC_PORT" p2p="$P2P_PORT" api="$API_PORT" grpc="$GRPC_PORT" pprof="$PPROF_PORT"; do
    name=${pair%%=*} port=${pair#*=}
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "port $port ($name) on 127.0.0.1 is in use; free it or set LOCALNET_${name^^}_PORT"
    fi
  done
}

# toml_set FILE SECTION KEY VALUE: sets `KEY = VALUE` (VALUE as TOML) in [SECTION] ("" for the
# top); fails if the key is not there, so a changed config layout is noticed.
toml_set() {
  awk -v section="$2" -v key="$3" -v value="$4" '
    /^\[.*\]$/ { current = substr($0, 2, length($0) - 2) }
    current == section && index($0, key " = ") == 1 { $0 = key " = " value; found = 1 }
    { print }
    END { exit !found }' "$1" >"$1.new" || die "no $3 in [$2] of $1"
  mv "$1.new" "$1"
}

secret_of() {
  printf '%s' "berty-demo/$1" | sha256sum | cut -d' ' -f1
}

# A fresh chain in $NODE_HOME: keys, funded genesis accounts, the validator's gentx, config.
make_chain() {
  local w=("$BIN" --home "$NODE_HOME") kb=(--keyring-backend test) name genesis
  rm -rf "$NODE_HOME"
  "${w[@]}" init berty-local --chain-id "$CHAIN_ID" --default-denom "$DENOM" >/dev/null 2>&1 ||
    die "wasmd init failed"
  for name in "${KEYS[@]}"; do
    "${w[@]}" keys import-hex "$name" "$(secret_of "$name")" "${kb[@]}" >/dev/null
  done

  # Each member of the config must be the key of its seed, with the role the seed names.
  # Writes keys.json (name -> address) and accounts.json (the genesis balances).
  "${w[@]}" keys list "${kb[@]}" --output json |
    node localnet/genesis.mjs "$NODE_HOME" "$CONFIG" "$DEPLOYER_ADDR" "$DENOM,$BOND_DENOM" "$AMOUNT" "${MEMBERS[@]}" ||
    die "the keys and $CONFIG disagree"

  "${w[@]}" genesis bulk-add-genesis-account "$NODE_HOME/accounts.json" >/dev/null
  "${w[@]}" genesis gentx validator "$SELF_DELEGATION" --chain-id "$CHAIN_ID" "${kb[@]}" \
    >/dev/null 2>&1 || die "gentx failed"
  "${w[@]}" genesis collect-gentxs >/dev/null 2>&1 || die "collect-gentxs failed"
  genesis=$("${w[@]}" genesis validate 2>&1) || die "invalid genesis: $genesis"

  local c=$NODE_HOME/config/config.toml a=$NODE_HOME/config/app.toml k=$NODE_HOME/config/client.toml
  # A block about every 200 ms: one validator never waits for others.
  toml_set "$c" consensus timeout_propose '"400ms"'
  toml_set "$c" consensus timeout_propose_delta '"100ms"'
  toml_set "$c" consensus timeout_prevote '"100ms"'
  toml_set "$c" consensus timeout_prevote_delta '"100ms"'
  toml_set "$c" consensus timeout_precommit '"100ms"'
  toml_set "$c" consensus timeout_precommit_delta '"100ms"'
  toml_set "$c" consensus timeout_commit '"200ms"'
  # Every listener on loopback; no peers.
  toml_set "$c" rpc laddr "\"tcp://127.0.0.1:$RPC_PORT\""
  toml_set "$c" rpc cors_allowed_origins '["*"]'
  toml_set "$c" rpc pprof_laddr "\"127.0.0.1:$PPROF_PORT\""
  toml_set "$c" p2p laddr "\"tcp://127.0.0.1:$P2P_PORT\""
  toml_set "$c" p2p pex false
  toml_set "$c" p2p addr_book_strict false
  toml_set "$c" instrumentation prometheus false
  toml_set "$a" "" minimum-gas-prices "\"0$DENOM\""
  toml_set "$a" api enable true
  toml_set "$a" api address "\"tcp://127.0.0.1:$API_PORT\""
  toml_set "$a" api enabled-unsafe-cors true
  toml_set "$a" grpc enable true
  toml_set "$a" grpc address "\"127.0.0.1:$GRPC_PORT\""
  toml_set "$a" grpc-web enable true
  toml_set "$k" "" chain-id "\"$CHAIN_ID\""
  toml_set "$k" "" keyring-backend '"test"'
  toml_set "$k" "" node "\"tcp://127.0.0.1:$RPC_PORT\""
}

start() {
  local pid url begin made h=""
  if pid=$(running_pid); then
    echo "localnet: already running (pid $pid), RPC $(rpc_url)"
    return
  fi
  rm -f "$PID_FILE" "$RPC_FILE" "$API_FILE"
  mkdir -p "$DIR"
  command -v curl >/dev/null || die "curl is required"
  command -v node >/dev/null || die "node is required"
  build
  check_ports
  section "Fresh chain $CHAIN_ID in $NODE_HOME"
  begin=$SECONDS
  make_chain
  made=$SECONDS
  url=http://127.0.0.1:$RPC_PORT
  nohup "$BIN" start --home "$NODE_HOME" --log_no_color >"$LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "$url" >"$RPC_FILE"
  echo "http://127.0.0.1:$API_PORT" >"$API_FILE"
  # The timeout counts from the node's launch, not from a build.
  while ((SECONDS - made < START_TIMEOUT)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$LOG" >&2
      rm -f "$PID_FILE" "$RPC_FILE" "$API_FILE"
      die "the node exited at start (log: $LOG)"
    fi
    h=$(height "$url")
    if [[ -n $h ]] && ((h >= 2)); then
      echo "localnet: running (pid $pid), height $h, RPC $url, log $LOG"
      echo "(chain made in $((made - begin)) s, block 2 after $((SECONDS - made)) s more)"
      return
    fi
    sleep 0.2
  done
  tail -n 30 "$LOG" >&2
  stop >&2
  die "no block 2 after ${START_TIMEOUT} s (log: $LOG)"
}

stop() {
  local pid i
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE" "$RPC_FILE" "$API_FILE"
    echo "localnet: not running"
    return
  fi
  kill -TERM "$pid"
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "localnet: pid $pid still running after 30 s, sending KILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE" "$RPC_FILE" "$API_FILE"
  echo "localnet: stopped (pid $pid)"
}

status() {
  local pid url h
  url=$(rpc_url)
  if pid=$(running_pid); then
    h=$(height "$url")
    echo "localnet: running (pid $pid), height ${h:-unknown}, RPC $url"
  else
    echo "localnet: not running (RPC would be $url)"
    return 3
  fi
}

print_env() {
  printf 'LOCALNET_BIN=%q\nLOCALNET_HOME=%q\nLOCALNET_NODE=%q\nLOCALNET_API=%q\nLOCALNET_CHAIN_ID=%q\n' \
    "$BIN" "$NODE_HOME" "$(rpc_url)" "$(api_url)" "$CHAIN_ID"
  printf 'LOCALNET_KEYS=%q\nLOCALNET_KEYRING_BACKEND=test\nLOCALNET_DENOM=%q\nLOCALNET_BOND_DENOM=%q\n' \
    "$NODE_HOME/keys.json" "$DENOM" "$BOND_DENOM"
}

case ${1:-} in
  build) build ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) print_env ;;
  *) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
