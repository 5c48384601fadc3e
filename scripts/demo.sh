#!/usr/bin/env bash
# The whole Berty process on the shipped artifacts, in one command: builds the artifacts if
# needed, deploys the four contracts to the embedded chain (packages/berty-chain, which runs
# them in cosmwasm-vm with wasmd's gas rules) exactly as scripts/deploy.sh would (the same
# config file, the same plan: instantiate messages and instantiate2 addresses), then runs a
# release through its four gates, printing each step with its gas, exports the release's
# trail bundle and verifies it offline with the berty-trail verifier.
#
#   scripts/demo.sh [--config FILE]      (default deploy/config.json)
#
# Output in target/demo/: bundle.json, trail.txt (the rendered trail), the app files.
# Exits non-zero on any failure.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

config=deploy/config.json
case "${1:-}" in
  "") ;;
  --config) config=${2:?--config needs a file} ;;
  *) echo "usage: $0 [--config FILE]" >&2; exit 2 ;;
esac
out=target/demo

need_build=false
for name in berty_membership berty_audit_registry berty_council_vote berty_release; do
  [[ -f artifacts/$name.wasm ]] || need_build=true
done
[[ -f artifacts/checksums.txt ]] || need_build=true
if $need_build; then
  section "Building the artifacts (scripts/build.sh)"
  scripts/build.sh
fi

section "Building the embedded chain and the verifier"
cargo build -q --locked -p berty-chain --bin berty-demo
cargo build -q --locked -p berty-trail-verifier --bin berty-trail
target_dir=$(cargo_target_dir)
bin=$target_dir/debug

rm -rf "$out"
"$bin/berty-demo" --config "$config" --artifacts artifacts --out "$out"

section "Verifying the bundle offline (berty-trail verify)"
"$bin/berty-trail" verify "$out/bundle.json" \
  --artifact "$out/berty-2.500.0.apk" --artifact "$out/berty-2.500.0.ipa" \
  --trail-head "$(cat "$out/trail-head.txt")"
"$bin/berty-trail" render "$out/bundle.json" -o "$out/trail.txt"
echo "rendered trail: $out/trail.txt"

section "Demo complete"
