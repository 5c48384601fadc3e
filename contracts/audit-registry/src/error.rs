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
    #[error(
        "NotStakedMode: the registry is in whitelist mode: bonds, claims and disputes need staking"
    )]
    NotStakedMode,

    #[error("DisputesDisabled: disputes are not configured")]
    DisputesDisabled,

    #[error("DisputesNeedStaking: disputes exist only in staked mode: configure staking too")]
    DisputesNeedStaking,

    #[error("ZeroAmount: {field} must be more than zero")]
    ZeroAmount { field: &'static str },

    #[error("InvalidDenom: invalid denom {denom:?}: 3 to 128 characters, a letter first, then letters, digits, '/', ':', '.', '_' or '-'")]
    InvalidDenom { denom: String },

    #[error("ChallengerRewardAboveOne: challenger_reward is {reward}, more than 1")]
    ChallengerRewardAboveOne { reward: Decimal },

    #[error("PeriodTooShort: {field} is {seconds} seconds, less than the {min} required")]
    PeriodTooShort {
        field: &'static str,
        seconds: u64,
        min: u64,
    },

    #[error("PeriodTooLong: {field} is {seconds} seconds, more than the {max} allowed")]
    PeriodTooLong {
        field: &'static str,
        seconds: u64,
        max: u64,
    },

    #[error("ModeChange: update_config cannot switch between whitelist and staked mode")]
    ModeChange,

    #[error("DenomChange: update_config cannot change the staking denom from {from} to {to}")]
    DenomChange { from: String, to: String },

    // bonds and claims
    #[error("AmountOverflow: {amount} does not fit in a Uint128")]
    AmountOverflow { amount: String },

    #[error("RoleConflict: {addr} holds the role {role}; a member holds exactly one role, so it cannot bond as an auditor")]
    RoleConflict { addr: Addr, role: Role },

    #[error("InsufficientBond: cannot unbond {requested}: {auditor} has {bonded} bonded")]
    InsufficientBond {
        auditor: Addr,
        bonded: Uint128,
        requested: Uint128,
    },

    #[error(
        "TooManyClaims: {auditor} already has {max} unbonding claims; claim the matured ones first"
    )]
    TooManyClaims { auditor: Addr, max: usize },

    #[error("NothingToClaim: {auditor} has no matured claim")]
    NothingToClaim { auditor: Addr },

    #[error("ClaimsLocked: claims of {auditor} are locked while {open} challenge(s) against it are pending")]
    ClaimsLocked { auditor: Addr, open: u32 },

    // reports
    #[error("BondBelowMinimum: {auditor} has {bonded} bonded, less than the {min_bond} an active auditor needs")]
    BondBelowMinimum {
        auditor: Addr,
        bonded: Uint128,
        min_bond: Uint128,
    },

    #[error("UnknownRelease: release {release_id} is unknown to the release contract")]
    UnknownRelease { release_id: String },

    #[error("ReleaseClosed: release {release_id} is {status:?}: it takes no more reports")]
    ReleaseClosed {
        release_id: String,
        status: ReleaseStatus,
    },

    #[error(
        "SignatureWithoutPubkey: {auditor} signed the report but has no registered public key"
    )]
    SignatureWithoutPubkey { auditor: Addr },

    #[error("InvalidSignature: the signature is not {auditor}'s registered key's signature of the report digest")]
    InvalidSignature { auditor: Addr },

    #[error("ReportNotFound: {auditor} has no report on release {release_id}")]
    ReportNotFound { release_id: String, auditor: Addr },

    // disputes
    #[error("WrongBondAmount: a challenge must be paid with exactly {expected} (got {got})")]
    WrongBondAmount { expected: Uint128, got: Uint128 },

    #[error("SelfChallenge: {auditor} cannot challenge itself")]
    SelfChallenge { auditor: Addr },

    #[error("NothingStaked: {auditor} has nothing bonded or unbonding to slash")]
    NothingStaked { auditor: Addr },

    #[error("ChallengeNotFound: challenge {challenge_id} not found")]
    ChallengeNotFound { challenge_id: u64 },

    #[error("ChallengeNotOpen: challenge {challenge_id} is {status:?}, not open")]
    ChallengeNotOpen {
        challenge_id: u64,
        status: ChallengeStatus,
    },

    #[error("MissingSlashRatio: upholding a challenge needs a slash_ratio")]
    MissingSlashRatio,

    #[error("InvalidSlashRatio: slash_ratio is {ratio}: it must be more than 0 and at most 1")]
    InvalidSlashRatio { ratio: Decimal },

    #[error("NotAppealable: challenge {challenge_id} is {status:?}: only an upheld challenge can be appealed")]
    NotAppealable {
        challenge_id: u64,
        status: ChallengeStatus,
    },

    #[error("AlreadyAppealed: challenge {challenge_id} was already appealed")]
    AlreadyAppealed { challenge_id: u64 },

    #[error(
        "NoCourt: no court is configured: a resolution is final once the appeal window has passed"
    )]
    NoCourt,

    #[error(
        "AppealWindowClosed: the appeal window of challenge {challenge_id} closed at {deadline}"
    )]
    AppealWindowClosed {
        challenge_id: u64,
        deadline: Timestamp,
    },

    #[error(
        "NotAppealed: challenge {challenge_id} is {status:?}: the court rules only on an appealed challenge"
    )]
    NotAppealed {
        challenge_id: u64,
        status: ChallengeStatus,
    },

    #[error("AlreadySlashed: challenge {challenge_id} was already slashed")]
    AlreadySlashed { challenge_id: u64 },

    #[error(
        "NotUpheld: challenge {challenge_id} is {status:?}: only an upheld challenge is slashed"
    )]
    NotUpheld {
        challenge_id: u64,
        status: ChallengeStatus,
    },

    #[error("SlashNotFinal: the slash of challenge {challenge_id} is not final before {final_at}")]
    SlashNotFinal {
        challenge_id: u64,
        final_at: Timestamp,
    },
}
