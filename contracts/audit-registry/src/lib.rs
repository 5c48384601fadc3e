//! Berty DAO the audit registry: auditors' bonds, reports and their log, the audit gate, challenges and slashes (SPEC section 4).

pub mod contract;
pub mod error;
pub mod msg;

pub use crate::error::ContractError;
