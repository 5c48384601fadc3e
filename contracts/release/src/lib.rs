//! Berty DAO release candidates, their lifecycle and gates, the release trail (SPEC section 4).

pub mod contract;
pub mod error;
pub mod msg;

pub use crate::error::ContractError;
