//! Berty DAO the audit registry: auditors' bonds, reports and their log, the audit gate, challenges and slashes (SPEC section 4).

pub mod auditor;
pub mod bond;
pub mod config;
pub mod contract;
pub mod dispute;
pub mod error;
pub mod funds;
pub mod gate;
pub mod msg;
pub mod query;
pub mod report;
pub mod slash;
pub mod state;

pub use crate::error::ContractError;
