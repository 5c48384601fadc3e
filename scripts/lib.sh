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

# wasm-opt from the binaryen version pinned in package-lock.json.
ensure_wasm_opt() {
  local want have=""
  want=$(cd "$ROOT" && node -p 'require("./package-lock.json").packages["node_modules/binaryen"].version')
  if [[ -x $WASM_OPT ]]; then
    have=$(cd "$ROOT" && node -p 'require("./node_modules/binaryen/package.json").version')
  fi
  if [[ $have != "$want" ]]; then
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
