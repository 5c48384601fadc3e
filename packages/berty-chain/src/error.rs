use thiserror::Error;

/// Why a transaction, a query or a code upload failed. A failed transaction changed nothing.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ChainError {
    #[error("no contract at {addr}")]
    NoSuchContract { addr: String },

    #[error("no code with id {code_id}")]
    NoSuchCode { code_id: u64 },

    #[error("a contract already exists at {addr}")]
    DuplicateContract { addr: String },

    /// The contract answered with an error.
    #[error("contract {contract}: {error}")]
    Contract { contract: String, error: String },

    /// The VM could not run the contract (trap, bad result, resource limit).
    #[error("contract {contract}: VM error: {error}")]
    Vm { contract: String, error: String },

    #[error("out of gas: the limit is {limit} SDK gas")]
    OutOfGas { limit: u64 },

    #[error("{addr} holds {available}{denom}, {needed}{denom} needed")]
    InsufficientFunds {
        addr: String,
        denom: String,
        available: u128,
        needed: u128,
    },

    #[error("invalid coins: {reason}")]
    InvalidCoins { reason: String },

    #[error("invalid address: {reason}")]
    InvalidAddress { reason: String },

    #[error("unsupported message: {kind}")]
    Unsupported { kind: String },

    #[error("the code was rejected: {reason}")]
    InvalidCode { reason: String },

    #[error("cannot encode the message: {reason}")]
    Encode { reason: String },
}
