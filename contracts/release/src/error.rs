use berty_interface::migrate::MigrateError;
use berty_interface::release::ReleaseStatus;
use berty_interface::validate::ValidationError;
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
    Migrate(#[from] MigrateError),

    #[error("Unauthorized: {sender} is not {required}")]
    Unauthorized {
        sender: Addr,
        required: &'static str,
    },

    #[error("InvalidVersion: version {version:?} is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build], at most {max} bytes)")]
    InvalidVersion { version: String, max: usize },

    #[error("InvalidCommit: commit must be a git object id: 7 to 64 hex characters")]
    InvalidCommit,

    #[error("ReleaseExists: release {release_id} already exists")]
    ReleaseExists { release_id: String },

    #[error("ReleaseNotFound: release {release_id} not found")]
    ReleaseNotFound { release_id: String },

    #[error("NoRelease: no release has been released yet")]
    NoRelease,

    #[error("WrongStatus: release {release_id} is {status}: {action} needs {expected}")]
    WrongStatus {
        release_id: String,
        status: ReleaseStatus,
        action: &'static str,
        expected: &'static str,
    },

    #[error("AuditGateNotPassed: the audit gate of release {release_id} does not pass: {}", blockers.join("; "))]
    AuditGateNotPassed {
        release_id: String,
        blockers: Vec<String>,
    },

    #[error("GatesNotPassed: release {release_id} cannot be finalized, failing gates {}: {}", gates.join(", "), blockers.join("; "))]
    GatesNotPassed {
        release_id: String,
        gates: Vec<&'static str>,
        blockers: Vec<String>,
    },

    #[error("ArtifactCount: finalize needs 1 to {max} artifacts (got {len})")]
    ArtifactCount { len: usize, max: usize },

    #[error("DuplicateArtifact: artifact digest {digest} appears more than once")]
    DuplicateArtifact { digest: String },

    #[error("UnknownArtifact: {digest} is not an artifact of release {release_id}")]
    UnknownArtifact { release_id: String, digest: String },

    #[error("PubkeyNotRegistered: {addr} has no registered public key; register one with membership first")]
    PubkeyNotRegistered { addr: Addr },

    #[error(
        "TooManyPublications: release {release_id} already has the {max} publications allowed"
    )]
    TooManyPublications { release_id: String, max: usize },

    #[error("AlreadyPublished: artifact {artifact_digest} of release {release_id} is already attested on {channel}")]
    AlreadyPublished {
        release_id: String,
        channel: String,
        artifact_digest: String,
    },

    #[error("EmptyUpdate: update_config needs at least one field to change")]
    EmptyUpdate,
}
