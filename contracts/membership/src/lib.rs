//! Berty DAO membership: who holds which role at each block height, members' public keys,
//! and the hash-chained members log (SPEC sections 3, 4.1 and 6).

pub mod contract;
pub mod error;
pub mod members;
pub mod msg;
pub mod owner;
pub mod query;
pub mod state;

pub use crate::error::ContractError;
