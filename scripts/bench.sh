#!/usr/bin/env bash
# Gas benchmark on the embedded chain (packages/berty-chain: the shipped artifacts in
# cosmwasm-vm, wasmd's gas rules): per-operation SDK gas of the Berty process for council
# sizes 10, 100 and 1000, and the same decision made by cw-plus's cw3-flex-multisig over a
# cw4-group (built from their crates.io packages in bench/cw-plus by the same pipeline as
# our contracts). Writes bench/results.json, bench/gas.md and bench/gas.svg.
#
#   scripts/bench.sh [--sizes 10,100,1000] [--out DIR]     (default out: bench)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

sizes=10,100,1000 out=bench
while (($#)); do
  case $1 in
    --sizes) sizes=${2:?--sizes needs a list}; shift 2 ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    *) echo "usage: $0 [--sizes 10,100,1000] [--out DIR]" >&2; exit 2 ;;
  esac
done

need_build=false
for name in berty_membership berty_audit_registry berty_council_vote berty_release; do
  [[ -f artifacts/$name.wasm ]] || need_build=true
done
if $need_build || [[ ! -f artifacts/checksums.txt ]]; then
  section "Building our artifacts (scripts/build.sh)"
  scripts/build.sh
fi

cw_plus=bench/cw-plus
ensure_cw_plus_artifacts
(cd "$cw_plus/artifacts" && for f in *.wasm; do printf '%9d bytes  %s\n' "$(stat -c %s "$f")" "$f"; done)

section "Building the benchmark"
cargo build -q --locked -p berty-chain --bin berty-bench
target_dir=$(cargo_target_dir)

section "Running: council sizes $sizes"
"$target_dir/debug/berty-bench" --artifacts artifacts --cw-plus "$cw_plus/artifacts" --out "$out" --sizes "$sizes"
