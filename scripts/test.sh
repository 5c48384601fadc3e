#!/usr/bin/env bash
# Everything CI checks, in order: formatting, shellcheck of the scripts, clippy, the artifact
# build, the tests (which include the VM check of the artifacts and the schema drift
# checks), the TypeScript checks, the deploy script's dry run and the demo on the shipped
# artifacts.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

section "Toolchain $TOOLCHAIN ($WASM_TARGET, rustfmt, clippy), wasm-opt"
ensure_rust rustfmt clippy
ensure_wasm_opt
rustc --version
"$WASM_OPT" --version

section "cargo fmt --check"
cargo fmt --all -- --check

section "shellcheck scripts/ .ci/run"
ensure_shellcheck
shellcheck --version | sed -n 2p
# -x follows `source` of lib.sh; SC2119 (a function called without the script's "$@") is
# noise for ensure_rust, whose arguments are optional components.
shellcheck -x -e SC2119 scripts/*.sh .ci/run

section "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

section "scripts/build.sh --check-reproducible"
# Builds the artifacts, then again from a copy elsewhere, and fails unless byte-identical.
scripts/build.sh --check-reproducible

section "cargo test"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --workspace --locked --no-fail-fast 2>&1 | tee "$log"

section "TypeScript: tsc --noEmit, the client's unit tests, codegen drift"
# strict tsc of both workspace packages; the unit tests include the SPEC 6 vectors and the
# check that ts/client/src/generated is ts-codegen's output for schema/ (npm ci ran above)
npm run check

section "scripts/deploy.sh --dry-run"
dry_run=$(scripts/deploy.sh --dry-run 2>&1)
# four stores, four instantiate2 at the planned addresses
[[ $(grep -c '^wasmd tx wasm instantiate2 ' <<<"$dry_run") == 4 ]] || {
  printf '%s\n' "$dry_run"
  echo "deploy.sh --dry-run did not print four instantiate2 commands" >&2
  exit 1
}
grep -E '^(==>|wasmd tx wasm store)' <<<"$dry_run"

section "scripts/demo.sh"
scripts/demo.sh

section "All checks passed"
# One closing line for the whole run: cargo's last line is often a binary with no tests.
awk '/^test result:/ { p += $4; f += $6; i += $8 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, i }' "$log"
