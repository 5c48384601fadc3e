#!/usr/bin/env bash
# Builds every contract under contracts/ into artifacts/<lib name>.wasm, optimized and
# lowered for the CosmWasm VM, and writes artifacts/checksums.txt, as cosmwasm/optimizer does.
# The output is reproducible and free of local paths.
#
#   scripts/build.sh                        build the artifacts
#   scripts/build.sh --check-reproducible   then build again from a copy of the sources in
#                                           another directory, with a fresh target dir, and
#                                           fail unless the artifacts are byte-identical
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check_reproducible=false
case "${1:-}" in
  "") ;;
  --check-reproducible) check_reproducible=true ;;
  *) echo "usage: $0 [--check-reproducible]" >&2; exit 2 ;;
esac

section "Toolchain $TOOLCHAIN ($WASM_TARGET), wasm-opt"
ensure_rust
ensure_wasm_opt
"$WASM_OPT" --version
CARGO_HOME_DIR=${CARGO_HOME:-$HOME/.cargo}
SYSROOT=$(cd "$ROOT" && rustc --print sysroot)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

section "Building the contracts"
build_artifacts "$ROOT" "$tmp/artifacts"
mkdir -p "$ROOT/artifacts"
rm -f "$ROOT"/artifacts/*.wasm "$ROOT/artifacts/checksums.txt"
mv "$tmp"/artifacts/* "$ROOT/artifacts/"

section "Artifacts"
(cd "$ROOT/artifacts" && for f in *.wasm; do
  printf '%9d bytes  %s\n' "$(stat -c %s "$f")" "$f"
done && echo && cat checksums.txt)

if $check_reproducible; then
  section "Rebuilding from a copy in another directory with a fresh target dir"
  mkdir "$tmp/src"
  tar -C "$ROOT" --exclude=./.git --exclude=./target --exclude=node_modules \
    --exclude=./artifacts -cf - . | tar -C "$tmp/src" -xf -
  CARGO_TARGET_DIR="$tmp/target" build_artifacts "$tmp/src" "$tmp/again"
  if diff "$ROOT/artifacts/checksums.txt" "$tmp/again/checksums.txt"; then
    echo "reproducible: both builds produced byte-identical artifacts"
  else
    echo "NOT reproducible: the two builds differ (above)" >&2
    exit 1
  fi
fi
