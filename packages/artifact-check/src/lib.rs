//! Checks of the release artifacts, run by `cargo test`: `tests/vm_check.rs` loads every
//! `artifacts/*.wasm` built by `scripts/build.sh` into the CosmWasm VM with the checks
//! `cosmwasm-check` runs, and checks their sizes and `artifacts/checksums.txt`.
//! The crate has no library code.
