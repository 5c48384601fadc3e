//! Berty DAO the two-college council vote and the DAO's governance (SPEC section 4.3).

pub mod ballot;
pub mod close;
mod codec;
pub mod contract;
pub mod error;
pub mod governance;
pub mod lists;
pub mod msg;
pub mod proposal;
pub mod propose;
pub mod query;
pub mod rules;
pub mod state;
pub mod status;
pub mod vote;

pub use crate::error::ContractError;
