//! Berty DAO release candidates, their lifecycle and gates, the release trail (SPEC section 4.4).

pub mod candidate;
pub mod config;
pub mod contract;
pub mod error;
pub mod gates;
pub mod lifecycle;
pub mod msg;
pub mod peers;
pub mod query;
pub mod state;
pub mod trail;
pub mod validate;

pub use crate::error::ContractError;
