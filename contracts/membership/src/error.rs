use berty_interface::migrate::MigrateError;
use berty_interface::validate::ValidationError;
use berty_interface::Role;
use cosmwasm_std::{Addr, StdError};
use cw_utils::PaymentError;
use thiserror::Error;

#[derive(Error, Debug)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),

    #[error(transparent)]
    Payment(#[from] PaymentError),

    #[error(transparent)]
    Validation(#[from] ValidationError),

    #[error(transparent)]
    Ownership(#[from] berty_interface::ownership::OwnershipError),

    #[error("Unauthorized: {sender} is not {required}")]
    Unauthorized {
        sender: Addr,
        required: &'static str,
    },

    #[error("DuplicateMember: {addr} appears more than once in the batch")]
    DuplicateMember { addr: Addr },

    #[error("NotAMember: {addr} is not a member")]
    NotAMember { addr: Addr },

    #[error("RoleConflict: {addr} already holds the role {role}; a member holds exactly one role")]
    RoleConflict { addr: Addr, role: Role },

    #[error("NotAnAuditor: {addr} is not an auditor")]
    NotAnAuditor { addr: Addr },

    #[error("Barred: {addr} is barred: governance took its auditor role, so only update_members can make it an auditor again")]
    Barred { addr: Addr },

    #[error("CollegeEmpty: the {college} college would have no member: an empty college could never open a proposal again (replace its last member in one batch)")]
    CollegeEmpty { college: &'static str },

    #[error(
        "BatchTooLarge: {field} holds {len} entries, more than the {max} allowed in one message"
    )]
    BatchTooLarge {
        field: &'static str,
        len: usize,
        max: usize,
    },

    #[error("EmptyBatch: update_members needs at least one address in add or remove")]
    EmptyBatch,

    #[error("PubkeyMismatch: the public key is the key of {key_addr}, not of the sender {addr}")]
    PubkeyMismatch { addr: Addr, key_addr: Addr },

    #[error("PubkeyAlreadyRegistered: {addr} has already registered this public key")]
    PubkeyAlreadyRegistered { addr: Addr },

    #[error(transparent)]
    Migrate(#[from] MigrateError),
}
