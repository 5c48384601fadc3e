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

# Prints the cargo target dir, then "<package> <lib name>" per cdylib crate under contracts/.
workspace_contracts() {
  cargo metadata --no-deps --format-version 1 --manifest-path "$1/Cargo.toml" | node -e '
    const meta = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const contracts = require("path").join(process.argv[1], "contracts") + "/";
    console.log(meta.target_directory);
    meta.packages
      .filter((p) => p.manifest_path.startsWith(contracts))
      .flatMap((p) => p.targets.filter((t) => t.kind.includes("cdylib")).map((t) => `${p.name} ${t.name}`))
      .sort()
      .forEach((line) => console.log(line));
  ' "$1"
}

# build_artifacts <source root> <output dir>: builds the contracts of that checkout and writes
# their optimized wasm and checksums.txt into the (empty or new) output dir.
build_artifacts() {
  local root=$1 out=$2 target_dir listing
  local -a lines packages=() libs=()
  listing=$(workspace_contracts "$root")
  mapfile -t lines <<<"$listing"
  target_dir=${lines[0]}
  for line in "${lines[@]:1}"; do
    packages+=("${line% *}")
    libs+=("${line#* }")
  done
  if ((${#packages[@]} == 0)); then
    echo "no contract crates (cdylib) under $root/contracts" >&2
    return 1
  fi

  # -s strips the symbols; the remaps keep this machine's paths out of panic locations.
  local -a flags=(
    -C link-arg=-s
    "--remap-path-prefix=$root=/berty"
    "--remap-path-prefix=$CARGO_HOME_DIR=/cargo"
    "--remap-path-prefix=$SYSROOT=/rustc-sysroot"
  )
  local encoded
  encoded=$(IFS=$'\x1f'; echo "${flags[*]}")

  # One cargo run per contract, like cosmwasm/optimizer: building them together would unify
  # their features, e.g. turn on a peer's `library` feature and drop its entry points.
  local pkg
  for pkg in "${packages[@]}"; do
    (cd "$root" && CARGO_ENCODED_RUSTFLAGS=$encoded \
      cargo build --release --lib --target "$WASM_TARGET" --locked -p "$pkg")
  done

  mkdir -p "$out"
  local lib
  for lib in "${libs[@]}"; do
    # Rust enables bulk-memory for wasm32, which cosmwasm-vm rejects: lower memory.copy and
    # memory.fill. Sign-extension is lowered too, as cosmwasm/optimizer does, for older VMs.
    "$WASM_OPT" -Os --enable-bulk-memory --llvm-memory-copy-fill-lowering --signext-lowering \
      --strip-debug --strip-producers \
      "$target_dir/$WASM_TARGET/release/$lib.wasm" -o "$out/$lib.wasm"
  done
  # C collation for the glob: one order on every machine.
  (cd "$out" && LC_ALL=C && sha256sum -- *.wasm >checksums.txt)

  local leaks
  leaks=$(grep -alF -e "$root/" -e "$CARGO_HOME_DIR/" -e "$SYSROOT/" "$out"/*.wasm || true)
  if [[ -n $leaks ]]; then
    echo "local paths left in: $leaks" >&2
    return 1
  fi
}

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
  tar -C "$ROOT" --exclude=./.git --exclude=./target --exclude=./node_modules \
    --exclude=./artifacts -cf - . | tar -C "$tmp/src" -xf -
  CARGO_TARGET_DIR="$tmp/target" build_artifacts "$tmp/src" "$tmp/again"
  if diff "$ROOT/artifacts/checksums.txt" "$tmp/again/checksums.txt"; then
    echo "reproducible: both builds produced byte-identical artifacts"
  else
    echo "NOT reproducible: the two builds differ (above)" >&2
    exit 1
  fi
fi
