//! Berty DAO the two-college council vote and the DAO's governance (SPEC section 4).

pub mod contract;
pub mod error;
pub mod msg;

pub use crate::error::ContractError;
