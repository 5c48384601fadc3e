//! Membership on a cw-multi-test chain: one test binary, a module per concern.

mod funds;
mod gas;
mod instantiate;
mod log;
mod migrate;
mod ownership;
mod properties;
mod pubkey;
mod queries;
mod raw_layout;
mod registrar;
mod snapshots;
mod update_members;
