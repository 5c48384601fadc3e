# shellcheck shell=bash
# Shared setup for scripts/*.sh and .ci/run; source it, don't run it.
# Sets ROOT (the repository) and TOOLCHAIN (the channel pinned in rust-toolchain.toml).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLCHAIN=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$ROOT/rust-toolchain.toml")
WASM_TARGET=wasm32-unknown-unknown
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"

section() {
  printf '\n==> %s\n' "$*"
}

# The pinned toolchain with the wasm target and the given components; installs only what is
# missing, so it is quiet and offline when everything is there.
# shellcheck disable=SC2120 # the components are optional; most callers need none
ensure_rust() {
  local components=("$@") missing=()
  # grep reads here-strings, not pipes: under pipefail a pipe into `grep -q` can fail.
  if ! grep -q "^$TOOLCHAIN-" <<<"$(rustup toolchain list)"; then
    local args=()
    for c in "${components[@]}"; do args+=(--component "$c"); done
    rustup toolchain install "$TOOLCHAIN" --profile minimal --target "$WASM_TARGET" "${args[@]}"
    return
  fi
  if ! grep -qx "$WASM_TARGET" <<<"$(rustup target list --installed --toolchain "$TOOLCHAIN")"; then
    rustup target add --toolchain "$TOOLCHAIN" "$WASM_TARGET"
  fi
  local installed
  installed=$(rustup component list --installed --toolchain "$TOOLCHAIN")
  for c in "${components[@]}"; do
    grep -q "^$c-" <<<"$installed" || missing+=("$c")
  done
  if ((${#missing[@]})); then
    rustup component add --toolchain "$TOOLCHAIN" "${missing[@]}"
  fi
}

# json_get FILE|- KEY...: one value of a JSON document (scripts/lib/json-get.mjs).
json_get() {
  node "$ROOT/scripts/lib/json-get.mjs" "$@"
}

# The cargo target directory of the workspace.
cargo_target_dir() {
  cargo metadata --no-deps --format-version 1 --manifest-path "$ROOT/Cargo.toml" | json_get - target_directory
}

# wasm-opt from the binaryen version pinned in package-lock.json.
ensure_wasm_opt() {
  local want have=""
  want=$(json_get "$ROOT/package-lock.json" packages node_modules/binaryen version)
  if [[ -x $WASM_OPT ]]; then
    have=$(json_get "$ROOT/node_modules/binaryen/package.json" version)
  fi
  if [[ $have != "$want" ]]; then
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Prints the cargo target dir, then "<package> <lib name>" per cdylib crate under contracts/.
workspace_contracts() {
  cargo metadata --no-deps --format-version 1 --manifest-path "$1/Cargo.toml" |
    node "$ROOT/scripts/lib/workspace-contracts.mjs" "$1"
}

# build_artifacts <source root> <output dir>: builds the contracts (cdylib crates under
# contracts/) of that cargo workspace and writes their optimized wasm and checksums.txt into
# the (empty or new) output dir. Used by build.sh, and by bench.sh for bench/cw-plus.
build_artifacts() {
  local root=$1 out=$2 target_dir listing
  : "${CARGO_HOME_DIR:=${CARGO_HOME:-$HOME/.cargo}}"
  : "${SYSROOT:=$(cd "$root" && rustc --print sysroot)}"
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
    "$WASM_OPT" -Oz --enable-bulk-memory --llvm-memory-copy-fill-lowering --signext-lowering \
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

# bench/cw-plus/artifacts: cw4-group and cw3-flex-multisig built by build_artifacts, rebuilt
# when its Cargo files or crates are newer than the checksums. Used by bench.sh and e2e.sh.
ensure_cw_plus_artifacts() {
  local cw_plus=$ROOT/bench/cw-plus tmp
  if [[ -f $cw_plus/artifacts/checksums.txt ]] &&
    [[ -z $(find "$cw_plus/Cargo.toml" "$cw_plus/Cargo.lock" "$cw_plus/contracts" -newer "$cw_plus/artifacts/checksums.txt") ]]; then
    return
  fi
  section "Building cw4-group and cw3-flex-multisig 2.x from crates.io (bench/cw-plus)"
  ensure_rust
  ensure_wasm_opt
  tmp=$(mktemp -d)
  build_artifacts "$cw_plus" "$tmp/artifacts" || { rm -rf "$tmp"; return 1; }
  rm -rf "$cw_plus/artifacts"
  mv "$tmp/artifacts" "$cw_plus/artifacts"
  rm -rf "$tmp"
}

# apt-get install of Debian packages a fresh machine lacks (as root, or through sudo).
apt_install() {
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# The shellcheck linter, for scripts/test.sh.
ensure_shellcheck() {
  command -v shellcheck >/dev/null || apt_install shellcheck
}
