#!/usr/bin/env bash
# Exports the trail bundle of one release (SPEC section 6, format in
# packages/trail-verifier/README.md) from any chain, through a wasmd-compatible CLI's smart
# queries: `berty-trail export` (packages/trail-verifier/src/export.rs) reads the release
# contract's config (its peers), then every log page by page (release, reports, the
# ballots of each vote, members), with the release, proposal and ballot answers. Check the
# result offline with `berty-trail verify bundle.json`.
#
#   scripts/export-bundle.sh --node URL --chain-id ID --release ADDR --release-id DIGEST [--cli wasmd] [--verbose] > bundle.json
#
# Options:
#   --node URL         the node's RPC endpoint, passed to the CLI
#   --chain-id ID      the chain id (part of every log's hash_0)
#   --release ADDR     the release contract
#   --release-id HEX   the release (sha256 of its source archive)
#   --cli NAME         the chain's CLI (default wasmd); called as
#                      `CLI query wasm contract-state smart ADDR JSON --node URL -o json`
#   -o FILE            write the bundle there instead of stdout
#   --verbose          print each query on stderr as it is sent
# Usage errors exit 2, a failing query 1 (naming it).
#
# BERTY_TRAIL names a built berty-trail; without it the script builds it with cargo.
set -euo pipefail

if [[ -z ${BERTY_TRAIL:-} ]]; then
  # shellcheck source=scripts/lib.sh
  source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
  (cd "$ROOT" && cargo build -q --locked -p berty-trail-verifier --bin berty-trail)
  BERTY_TRAIL=$(cargo_target_dir)/debug/berty-trail
fi
exec "$BERTY_TRAIL" export "$@"
