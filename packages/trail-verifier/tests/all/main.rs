//! The trail verifier on synthetic but valid bundles: one test binary, a module per concern.

mod accept;
mod adversarial;
mod cli;
mod export;
mod fixture;
mod rules;
mod script;
mod semantics;
mod slash;
mod tamper;
mod trusted;
