//! The complete release process across the four contracts, deployed as SPEC section 2
//! says: one test binary, a module per flow.

mod adversarial;
mod bundle;
mod complete;
mod deactivated_auditor;
mod deployment;
mod no_go_after_approval;
mod properties;
mod rejection;
mod staked;
mod tampering;
