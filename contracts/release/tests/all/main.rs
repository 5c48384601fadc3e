//! The release contract on a cw-multi-test chain, deployed as planned with the real
//! membership contract and stand-ins for its other peers: one test binary, a module per
//! message or concern.

mod suite;

mod adversarial;
mod config;
mod decision;
mod finalize;
mod funds;
mod gas;
mod instantiate;
mod migrate;
mod properties;
mod propose;
mod publication;
mod queries;
mod submit;
mod trail;
mod withdraw;
