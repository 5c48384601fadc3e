//! The audit registry on a cw-multi-test chain with the real membership contract and the
//! mock release contract: one test binary, a module per concern.

mod adversarial;
mod bond;
mod config;
mod dispute;
mod events;
mod gas;
mod gate;
mod hardening;
mod instantiate;
mod migrate;
mod properties;
mod report;
