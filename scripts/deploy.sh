#!/usr/bin/env bash
# Deploys the four Berty DAO contracts to a wasmd-compatible chain with its CLI, as SPEC
# section 2 says: store the artifacts, compute every instantiate2 address first (salts
# membership, audit-registry, council-vote, release), then instantiate each contract with
# its peers' addresses, council-vote as governance and wasm admin from the first block.
# The addresses and messages come from `berty-deploy plan` (packages/berty-deploy), the
# same plan scripts/demo.sh deploys to the embedded chain.
#
#   scripts/deploy.sh --from KEY --chain-id ID --node URL [options]
#   scripts/deploy.sh --dry-run [options]     print every command and message, no node needed
#
# Options:
#   --config FILE        deployment config (default deploy/config.json)
#   --record FILE        also write each transaction, `contract<TAB>store|instantiate2<TAB>hash`
#                        (scripts/e2e.sh measures their gas)
#   --checksums FILE     the artifacts' checksums (default artifacts/checksums.txt, built if missing)
#   --cli NAME           the chain's CLI (default wasmd, or else the localnet's
#                        target/localnet/bin/wasmd built by scripts/localnet.sh)
#   --creator ADDR       the deployer's address (default: `CLI keys show KEY -a`; in a dry run
#                        without a key, the demo deployer of deploy/config.json's seeds)
#   --gas-prices PRICE   e.g. 0.025uwasm (default: none; pass --fees through TX_FLAGS instead)
#   --keyring-backend B  passed to the CLI
#   --home DIR           the CLI's home (keyring, client.toml), e.g. the localnet's:
#                        scripts/deploy.sh --from deployer --chain-id berty-local-1 \
#                          --node http://127.0.0.1:26657 --keyring-backend test --home target/localnet/home
# Extra transaction flags can be given in the TX_FLAGS environment variable.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

config=deploy/config.json checksums=artifacts/checksums.txt cli="" from="" chain_id="" node="" creator="" gas_prices="" keyring="" home="" record="" dry_run=false
usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case $1 in
    --config) config=$2; shift 2 ;;
    --checksums) checksums=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    --from) from=$2; shift 2 ;;
    --chain-id) chain_id=$2; shift 2 ;;
    --node) node=$2; shift 2 ;;
    --creator) creator=$2; shift 2 ;;
    --gas-prices) gas_prices=$2; shift 2 ;;
    --keyring-backend) keyring=$2; shift 2 ;;
    --home) home=$2; shift 2 ;;
    --record) record=$2; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage ;;
    *) echo "deploy.sh: unknown argument $1" >&2; usage ;;
  esac
done
if ! $dry_run && { [[ -z $from ]] || [[ -z $chain_id ]] || [[ -z $node ]]; }; then
  echo "deploy.sh: --from, --chain-id and --node are required (or --dry-run)" >&2
  exit 2
fi
[[ -f $config ]] || { echo "deploy.sh: no config file $config" >&2; exit 2; }

[[ -f $checksums ]] || scripts/build.sh

if [[ -z $cli ]]; then
  cli=wasmd
  if ! $dry_run && ! command -v wasmd >/dev/null && [[ -x target/localnet/bin/wasmd ]]; then
    cli=$ROOT/target/localnet/bin/wasmd
  fi
fi

key_flags=()
[[ -n $keyring ]] && key_flags+=(--keyring-backend "$keyring")
[[ -n $home ]] && key_flags+=(--home "$home")
if [[ -z $creator ]]; then
  if [[ -n $from ]] && command -v "$cli" >/dev/null; then
    creator=$("$cli" keys show "$from" -a "${key_flags[@]}")
  elif $dry_run; then
    creator=wasm1hef7hwzapr5za7veg4wqsvthf2psv3sxx2drvn # seed berty-demo/deployer
    echo "# dry run: no key given, planning for the demo deployer $creator" >&2
  else
    echo "deploy.sh: cannot find the creator's address; give --creator" >&2
    exit 2
  fi
fi

# berty-deploy computes the plan and reads the CLI's JSON answers; built once, run directly.
deploy_tool=$(cargo run -q --locked -p berty-deploy -- where)
plan_args=(plan --config "$config" --creator "$creator" --checksums "$checksums")
plan=$("$deploy_tool" "${plan_args[@]}")
mapfile -t contracts < <("$deploy_tool" "${plan_args[@]}" --format tsv)
((${#contracts[@]} == 4)) || { echo "deploy.sh: the plan has ${#contracts[@]} contracts, not 4" >&2; exit 1; }

tx_flags=(--from "${from:-KEY}" --chain-id "${chain_id:-CHAIN_ID}" --node "${node:-NODE}"
  --gas auto --gas-adjustment 1.3 -b sync -y -o json "${key_flags[@]}")
[[ -n $gas_prices ]] && tx_flags+=(--gas-prices "$gas_prices")
# shellcheck disable=SC2206 # TX_FLAGS is a list of flags on purpose
tx_flags+=(${TX_FLAGS:-})

# Prints a command as a shell would read it back: words with special characters in single quotes.
show() {
  local word out=()
  for word in "$@"; do
    if [[ $word =~ ^[A-Za-z0-9_./:=,@+-]+$ ]]; then
      out+=("$word")
    else
      out+=("'${word//\'/\'\\\'\'}'")
    fi
  done
  printf '%s\n' "${out[*]}"
}

# Runs a transaction and waits for it to be included; prints the tx result JSON (as `query tx`
# gives it: code, raw_log, gas_used, gas_wanted, events with plain-text attributes).
run_tx() {
  local out hash result
  out=$("$cli" tx "$@" "${tx_flags[@]}")
  hash=$("$deploy_tool" tx-result <<<"$out")
  # -b sync returns after CheckTx; `query tx` answers once the tx is in a block and indexed.
  # (Not `query wait-tx`: it subscribes to the tx's event and misses a tx included between
  # its first lookup and its subscription, then waits out its timeout.)
  local start=$SECONDS
  until result=$("$cli" query tx "$hash" --node "$node" -o json 2>/dev/null); do
    if ((SECONDS - start > 60)); then
      echo "deploy.sh: tx $hash not included after 60 s" >&2
      return 1
    fi
    sleep 0.2
  done
  "$deploy_tool" tx-result >/dev/null <<<"$result"
  printf '%s' "$result"
}

# Runs a transaction of contract $1 (kind $2: store or instantiate2), records its hash, and
# prints the attribute $3 (TYPE.KEY) of its result.
deploy_tx() {
  local contract=$1 kind=$2 attribute=$3 result
  shift 3
  result=$(run_tx "$@")
  if [[ -n $record ]]; then
    printf '%s\t%s\t%s\n' "$contract" "$kind" "$("$deploy_tool" tx-result 2>/dev/null <<<"$result")" >>"$record"
  fi
  "$deploy_tool" tx-result --attribute "$attribute" 2>/dev/null <<<"$result"
}

section "Plan for creator $creator (config $config)"
for line in "${contracts[@]}"; do
  IFS=$'\t' read -r name _ _ address _ <<<"$line"
  printf '%-15s %s\n' "$name" "$address"
done

[[ -z $record ]] || : >"$record"
for line in "${contracts[@]}"; do
  IFS=$'\t' read -r name artifact salt address label admin msg <<<"$line"
  wasm=artifacts/$artifact.wasm
  section "$name: store $wasm, instantiate2 with salt \"$salt\" at $address"
  if $dry_run; then
    show "$cli" tx wasm store "$wasm" "${tx_flags[@]}"
    show "$cli" tx wasm instantiate2 CODE_ID "$msg" "$salt" --ascii --label "$label" --admin "$admin" "${tx_flags[@]}"
    continue
  fi
  code_id=$(deploy_tx "$name" store store_code.code_id wasm store "$wasm")
  echo "code id $code_id"
  got=$(deploy_tx "$name" instantiate2 instantiate._contract_address \
    wasm instantiate2 "$code_id" "$msg" "$salt" --ascii --label "$label" --admin "$admin")
  if [[ $got != "$address" ]]; then
    echo "deploy.sh: $name was instantiated at $got, not at the planned $address" >&2
    exit 1
  fi
  echo "instantiated $name at $address"
done

if $dry_run; then
  section "Dry run: nothing was sent. The plan:"
  printf '%s\n' "$plan"
else
  section "Deployed"
  printf '%s\n' "$plan" >"deploy/last-plan.json"
  echo "plan with addresses and messages: deploy/last-plan.json"
fi
