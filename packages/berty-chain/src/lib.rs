//! An embedded chain for the shipped artifacts: it loads the optimized wasm into
//! `cosmwasm-vm` and runs messages between contracts as wasmd does (execute, instantiate and
//! instantiate2, bank sends, smart and raw queries, sub-messages and replies, the whole
//! transaction rolled back on error, block height and time), charging SDK gas as wasmd does
//! (`gas` names the source of every constant).
//!
//! ```no_run
//! use berty_chain::Chain;
//! let mut chain = Chain::new("berty-local-1");
//! let admin = chain.api().user("admin");
//! let wasm = std::fs::read("artifacts/berty_membership.wasm").unwrap();
//! let (code_id, _) = chain.store_code(&admin, &wasm).unwrap();
//! ```

pub mod address;
pub mod bench;
mod chain;
pub mod dao;
mod error;
pub mod gas;
pub mod keeper;
pub mod node;
mod querier;
pub mod run;
mod runtime;
mod storage;
mod world;

pub use address::{ChainApi, BECH32_PREFIX};
pub use chain::{Chain, TxOutcome, BLOCK_SECONDS, CHAIN_CAPABILITIES, DEFAULT_TX_GAS_LIMIT};
pub use error::ChainError;
pub use gas::GasUsed;
pub use world::{store_key, CONTRACT_STORE_PREFIX};
