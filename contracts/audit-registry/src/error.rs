use berty_interface::audit_registry::ChallengeStatus;
use berty_interface::migrate::MigrateError;
use berty_interface::release::ReleaseStatus;
use berty_interface::validate::ValidationError;
use berty_interface::Role;
use cosmwasm_std::{Addr, Decimal, OverflowError, StdError, Timestamp, Uint128};
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
    Migrate(#[from] MigrateError),

    #[error(transparent)]
    Overflow(#[from] OverflowError),

    #[error(transparent)]
    Ownership(#[from] berty_interface::ownership::OwnershipError),

    #[error("Unauthorized: {sender} is not {required}")]
    Unauthorized {
        sender: Addr,
        required: &'static str,
    },

    // configuration
    #[error("the registry is in whitelist mode: bonds, claims and disputes need staking")]
    NotStakedMode,

    #[error("disputes are not configured")]
    DisputesDisabled,

    #[error("disputes exist only in staked mode: configure staking too")]
    DisputesNeedStaking,

    #[error("{field} must be more than zero")]
    ZeroAmount { field: &'static str },

    #[error("invalid denom {denom:?}: 3 to 128 characters, a letter first, then letters, digits, '/', ':', '.', '_' or '-'")]
    InvalidDenom { denom: String },

    #[error("challenger_reward is {reward}, more than 1")]
    ChallengerRewardAboveOne { reward: Decimal },

    #[error("{field} is {seconds} seconds, less than the {min} required")]
    PeriodTooShort {
        field: &'static str,
        seconds: u64,
        min: u64,
    },

    #[error("{field} is {seconds} seconds, more than the {max} allowed")]
    PeriodTooLong {
        field: &'static str,
        seconds: u64,
        max: u64,
    },

    #[error("update_config cannot switch between whitelist and staked mode")]
    ModeChange,

    #[error("update_config cannot change the staking denom from {from} to {to}")]
    DenomChange { from: String, to: String },

    // bonds and claims
    #[error("{amount} does not fit in a Uint128")]
    AmountOverflow { amount: String },

    #[error("{addr} holds the role {role}; a member holds exactly one role, so it cannot bond as an auditor")]
    RoleConflict { addr: Addr, role: Role },

    #[error("cannot unbond {requested}: {auditor} has {bonded} bonded")]
    InsufficientBond {
        auditor: Addr,
        bonded: Uint128,
        requested: Uint128,
    },

    #[error("{auditor} already has {max} unbonding claims; claim the matured ones first")]
    TooManyClaims { auditor: Addr, max: usize },

    #[error("{auditor} has no matured claim")]
    NothingToClaim { auditor: Addr },

    #[error("claims of {auditor} are locked while {open} challenge(s) against it are pending")]
    ClaimsLocked { auditor: Addr, open: u32 },

    // reports
    #[error("{auditor} has {bonded} bonded, less than the {min_bond} an active auditor needs")]
    BondBelowMinimum {
        auditor: Addr,
        bonded: Uint128,
        min_bond: Uint128,
    },

    #[error("release {release_id} is unknown to the release contract")]
    UnknownRelease { release_id: String },

    #[error("release {release_id} is {status:?}: it takes no more reports")]
    ReleaseClosed {
        release_id: String,
        status: ReleaseStatus,
    },

    #[error("{auditor} signed the report but has no registered public key")]
    SignatureWithoutPubkey { auditor: Addr },

    #[error("the signature is not {auditor}'s registered key's signature of the report digest")]
    InvalidSignature { auditor: Addr },

    #[error("{auditor} has no report on release {release_id}")]
    ReportNotFound { release_id: String, auditor: Addr },

    // disputes
    #[error("a challenge must be paid with exactly {expected} (got {got})")]
    WrongBondAmount { expected: Uint128, got: Uint128 },

    #[error("{auditor} cannot challenge itself")]
    SelfChallenge { auditor: Addr },

    #[error("{auditor} has nothing bonded or unbonding to slash")]
    NothingStaked { auditor: Addr },

    #[error("challenge {challenge_id} not found")]
    ChallengeNotFound { challenge_id: u64 },

    #[error("challenge {challenge_id} is {status:?}, not open")]
    ChallengeNotOpen {
        challenge_id: u64,
        status: ChallengeStatus,
    },

    #[error("upholding a challenge needs a slash_ratio")]
    MissingSlashRatio,

    #[error("slash_ratio is {ratio}: it must be more than 0 and at most 1")]
    InvalidSlashRatio { ratio: Decimal },

    #[error("challenge {challenge_id} is {status:?}: only an upheld challenge can be appealed")]
    NotAppealable {
        challenge_id: u64,
        status: ChallengeStatus,
    },

    #[error("challenge {challenge_id} was already appealed")]
    AlreadyAppealed { challenge_id: u64 },

    #[error("no court is configured: a resolution is final once the appeal window has passed")]
    NoCourt,

    #[error("the appeal window of challenge {challenge_id} closed at {deadline}")]
    AppealWindowClosed {
        challenge_id: u64,
        deadline: Timestamp,
    },

    #[error(
        "challenge {challenge_id} is {status:?}: the court rules only on an appealed challenge"
    )]
    NotAppealed {
        challenge_id: u64,
        status: ChallengeStatus,
    },

    #[error("challenge {challenge_id} was already slashed")]
    AlreadySlashed { challenge_id: u64 },

    #[error("challenge {challenge_id} is {status:?}: only an upheld challenge is slashed")]
    NotUpheld {
        challenge_id: u64,
        status: ChallengeStatus,
    },

    #[error("the slash of challenge {challenge_id} is not final before {final_at}")]
    SlashNotFinal {
        challenge_id: u64,
        final_at: Timestamp,
    },
}
