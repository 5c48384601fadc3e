use berty_interface::council_vote::ProposalStatus;
use berty_interface::migrate::MigrateError;
use berty_interface::validate::ValidationError;
use berty_interface::College;
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

    #[error("ProposalNotFound: proposal {proposal_id} not found")]
    ProposalNotFound { proposal_id: u64 },

    #[error("BallotNotFound: no ballot of {voter} on proposal {proposal_id}")]
    BallotNotFound { proposal_id: u64, voter: Addr },

    #[error("CollegeEmpty: a proposal cannot open while the {college} college is empty")]
    CollegeEmpty { college: &'static str },

    #[error("InvalidRules: invalid rules: {field} {reason}")]
    InvalidRules {
        field: &'static str,
        reason: &'static str,
    },

    #[error("TooManyOpenProposals: {proposer} already has {max} open proposals: wait for one to be decided")]
    TooManyOpenProposals { proposer: Addr, max: usize },

    #[error(
        "UnsupportedMessage: message {index} is a {kind} message: a proposal may hold bank and wasm messages only"
    )]
    UnsupportedMessage { index: usize, kind: String },

    #[error("TooManyMessages: a proposal holds at most {max} messages (got {count})")]
    TooManyMessages { count: usize, max: usize },

    #[error(
        "MessagesTooLarge: a proposal's messages take at most {max} bytes of JSON (got {size})"
    )]
    MessagesTooLarge { size: usize, max: usize },

    #[error(
        "ReleaseDecisionByProposal: message {index} records a release decision; only a release vote's close may deliver one"
    )]
    ReleaseDecisionByProposal { index: usize },

    #[error("DeadlineOverflow: a voting period of {voting_period} seconds from this block's time is past the largest timestamp")]
    DeadlineOverflow { voting_period: u64 },

    #[error("VotingClosed: proposal {proposal_id} takes no more ballots: it is {status}")]
    VotingClosed {
        proposal_id: u64,
        status: ProposalStatus,
    },

    #[error(
        "AlreadyVoted: {voter} has already voted on proposal {proposal_id} and its rules do not allow revoting"
    )]
    AlreadyVoted { proposal_id: u64, voter: Addr },

    #[error("MissingPubkey: {voter} signed the ballot but has no registered public key")]
    MissingPubkey { voter: Addr },

    #[error("InvalidSignature: the signature does not verify against the registered key of {voter} over the ballot's canonical digest")]
    InvalidSignature { voter: Addr },

    #[error("NotDecided: proposal {proposal_id} is still open: it is neither decided nor past its deadline")]
    NotDecided { proposal_id: u64 },

    #[error("AlreadyClosed: proposal {proposal_id} is already closed")]
    AlreadyClosed { proposal_id: u64 },

    #[error("NotGovernance: proposal {proposal_id} is a release vote; only governance proposals are executed")]
    NotGovernance { proposal_id: u64 },

    #[error("AlreadyExecuted: proposal {proposal_id} has already been executed")]
    AlreadyExecuted { proposal_id: u64 },

    #[error("Expired: proposal {proposal_id} expired at {execution_deadline}: a passed proposal runs only within its execution window")]
    Expired {
        proposal_id: u64,
        execution_deadline: cosmwasm_std::Timestamp,
    },

    #[error("NotPassed: proposal {proposal_id} cannot be executed: it is {status}, not passed")]
    NotPassed {
        proposal_id: u64,
        status: ProposalStatus,
    },
}

impl ContractError {
    pub fn college_empty(college: College) -> Self {
        ContractError::CollegeEmpty {
            college: college.as_str(),
        }
    }
}
