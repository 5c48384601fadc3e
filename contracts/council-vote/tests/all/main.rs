//! council-vote: one test binary, a module per concern.

mod harness;

mod adversarial;
mod execute;
mod funds;
mod gas;
mod governance;
mod hardening;
mod instantiate;
mod log;
mod migrate;
mod properties;
mod queries;
mod release_vote;
mod vote;
