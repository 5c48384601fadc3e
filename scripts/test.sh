#!/usr/bin/env bash
# Everything CI checks, in order: formatting, clippy, the artifact build, the tests (which
# include the VM check of the artifacts and the schema drift checks).
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

section "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

section "scripts/build.sh --check-reproducible"
# Builds the artifacts, then again from a copy elsewhere, and fails unless byte-identical.
scripts/build.sh --check-reproducible

section "cargo test"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --workspace --locked 2>&1 | tee "$log"

section "All checks passed"
# One closing line for the whole run: cargo's last line is often a binary with no tests.
awk '/^test result:/ { p += $4; f += $6; i += $8 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, i }' "$log"
