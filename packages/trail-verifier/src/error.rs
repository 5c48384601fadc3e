//! What `verify` reports: the first thing that fails, with the log and seq it was found at.

use std::fmt;

use cosmwasm_std::{Addr, Timestamp};
use thiserror::Error;

/// A log of the bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogId {
    Release,
    Reports,
    Ballots { proposal_id: u64 },
    Members,
}

impl fmt::Display for LogId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogId::Release => f.write_str("release log"),
            LogId::Reports => f.write_str("reports log"),
            LogId::Ballots { proposal_id } => write!(f, "ballots log of proposal {proposal_id}"),
            LogId::Members => f.write_str("members log"),
        }
    }
}

/// The first failure `verify` found.
#[derive(Error, Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    #[error("bundle version {found} is not supported (this verifier reads version {expected})")]
    UnsupportedVersion { found: u32, expected: u32 },

    /// An event of a log fails a check.
    #[error("{log}, seq {seq}: {problem}")]
    Event {
        log: LogId,
        seq: u64,
        problem: Problem,
    },

    /// A log as a whole fails a check (its length, its head).
    #[error("{log}: {problem}")]
    Log { log: LogId, problem: Problem },

    /// The answers of one vote disagree with its logs.
    #[error("vote of proposal {proposal_id}: {problem}")]
    Vote { proposal_id: u64, problem: Problem },

    /// An answer the bundle carries disagrees with the trail.
    #[error("the {answer} answer says {field} is {found}, the trail says {expected}")]
    AnswerMismatch {
        answer: &'static str,
        field: &'static str,
        found: String,
        expected: String,
    },

    #[error("artifact file {file}: sha256 {digest} is not the digest of a finalized artifact")]
    UnknownArtifact { file: String, digest: String },

    #[error("the release log head is {found}, expected {expected}")]
    TrailHeadMismatch { found: String, expected: String },

    /// The bundle does not continue the trusted (installed) one (`--trusted`).
    #[error("not an update of the trusted bundle: {problem}")]
    NotAContinuation { problem: Continuation },
}

/// How a bundle fails to continue the one an app has installed (SPEC section 6).
#[derive(Error, Clone, Debug, PartialEq, Eq)]
pub enum Continuation {
    #[error("the trusted bundle fails verification itself: {0}")]
    TrustedInvalid(Box<VerifyError>),

    #[error("chain id {found}, the installed release's is {trusted}")]
    ChainId { trusted: String, found: String },

    #[error("the {contract} contract is {found}, the installed release's is {trusted}")]
    Contract {
        contract: &'static str,
        trusted: Addr,
        found: Addr,
    },

    #[error("its members log has {found} events, fewer than the {trusted} the installed release already holds")]
    MembersLogShorter { trusted: u64, found: u64 },

    #[error("members event {seq} differs from the installed release's (hash {found}, trusted {trusted}): the Council's history was rewritten")]
    MembersHistoryRewritten {
        seq: u64,
        trusted: String,
        found: String,
    },

    #[error("version {found} is not higher than the installed {trusted} (no rollback)")]
    NotNewer { trusted: String, found: String },

    #[error("version {version} is not a semver version: {reason}")]
    BadVersion { version: String, reason: String },
}

/// What is wrong, wherever it was found.
#[derive(Error, Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    #[error("seq {found} where {expected} comes next (an event is missing or repeated)")]
    SeqGap { expected: u64, found: u64 },

    #[error("the slash voids report {report}, which is not {auditor}'s newest report before it")]
    SlashVoidsWrongReport { auditor: Addr, report: u64 },

    #[error(
        "the decision was recorded under rules {committed}, the proposal answer shows {answered}"
    )]
    RulesMismatch { committed: String, answered: String },

    /// `field` as council-vote's own error names it (`rules.activists.quorum`).
    #[error("the rules {rules} are not rules council-vote accepts: {field} {reason}")]
    InvalidRules {
        rules: String,
        field: &'static str,
        reason: &'static str,
    },

    #[error("hash {given} given, {computed} recomputed from the event")]
    HashMismatch { given: String, computed: String },

    #[error("event of contract {found}, the log belongs to {expected}")]
    WrongContract { expected: Addr, found: Addr },

    #[error("height or time goes back from the previous event")]
    TimeGoesBack,

    #[error("kind {kind} with the data of another kind")]
    KindDataMismatch { kind: String },

    #[error("{what} commits to {length} events of the {log}, which holds {available}")]
    CommitmentLength {
        what: &'static str,
        log: LogId,
        length: u64,
        available: u64,
    },

    #[error(
        "{what} commits to the {log} head {committed} after {length} events, the log's is {actual}"
    )]
    CommitmentMismatch {
        what: &'static str,
        log: LogId,
        length: u64,
        committed: String,
        actual: String,
    },

    #[error(
        "{what} of block {height} commits to the first {length} events of the {log}, but its event {seq} is of block {event_height}: that is not the log as it stood in block {height}"
    )]
    CommitmentNotInItsBlock {
        what: &'static str,
        log: LogId,
        length: u64,
        height: u64,
        seq: u64,
        event_height: u64,
    },

    #[error("vote_opened opens proposal {proposal_id} after proposal {previous}: proposal ids are given once, in increasing order")]
    ProposalReused { proposal_id: u64, previous: u64 },

    #[error("ballot of {voter} comes after the vote was decided (no remaining ballot could change its outcome)")]
    BallotAfterDecided { voter: Addr },

    #[error("the decision comes before the deadline while remaining ballots could still change the outcome")]
    DecidedTooEarly,

    #[error("block {height} at time {time} disagrees with {other}, of block {other_height} at time {other_time}: the chain has one time per block, never going back")]
    BlockClock {
        height: u64,
        time: Timestamp,
        other: String,
        other_height: u64,
        other_time: Timestamp,
    },

    #[error("a report of block {height}, after the candidate closed (release log seq {closed_seq}, block {closed_height}): the registry takes reports on open candidates only")]
    ReportOnClosedCandidate {
        height: u64,
        closed_seq: u64,
        closed_height: u64,
    },

    #[error("{addr} is granted {role} while it holds {held}")]
    GrantToMember {
        addr: Addr,
        role: String,
        held: String,
    },

    #[error("{addr} is revoked {role} while it holds {held}")]
    RevokeNotHeld {
        addr: Addr,
        role: String,
        held: String,
    },

    #[error("{addr} registers a key without holding a role")]
    PubkeyOfNonMember { addr: Addr },

    #[error("{addr} registers a second key")]
    PubkeyAlreadyRegistered { addr: Addr },

    #[error("key {key} is not the key of {addr} (its address differs)")]
    KeyNotOfAddress { addr: Addr, key: String },

    #[error("the event's pubkey is not its data's key")]
    PubkeyFieldMismatch,

    #[error("{addr} is not a valid bech32 address")]
    InvalidAddress { addr: String },

    #[error("{what} must be a sha256 digest (64 lowercase hex characters), got {value:?}")]
    InvalidDigest { what: &'static str, value: String },

    #[error("{event} while the release is {status}")]
    UnexpectedEvent { event: String, status: String },

    #[error("the release log must start with a proposed event")]
    NotProposedFirst,

    #[error("{what}: {addr} did not hold {role} {when}")]
    RoleNotHeld {
        what: &'static str,
        addr: Addr,
        role: String,
        when: String,
    },

    #[error("{what} is sent by {found}, expected {expected}")]
    WrongActor {
        what: &'static str,
        expected: Addr,
        found: Addr,
    },

    #[error(
        "{what}: the event carries key {found}, the key registered for {addr} is {registered}"
    )]
    KeyNotRegistered {
        what: &'static str,
        addr: Addr,
        found: String,
        registered: String,
    },

    #[error("{what}: the event carries no key, but {addr} had registered {registered} before this block (the contracts log the sender's registered key)")]
    KeyNotLogged {
        what: &'static str,
        addr: Addr,
        registered: String,
    },

    #[error("{what}: a signature without a key")]
    SignatureWithoutKey { what: &'static str },

    #[error("{what}: the signature does not verify with key {key}")]
    BadSignature { what: &'static str, key: String },

    #[error("the audit gate did not hold at {when}: {positive} counted positive reports, counted no_go from [{blocking}]")]
    AuditGateFailed {
        when: &'static str,
        positive: usize,
        blocking: String,
    },

    #[error("proposal {proposal_id} refers to {field} {found}, the trail says {expected}")]
    ProposalMismatch {
        proposal_id: u64,
        field: &'static str,
        found: String,
        expected: String,
    },

    #[error("vote_opened of proposal {proposal_id} has no vote in the bundle")]
    MissingVote { proposal_id: u64 },

    #[error("the bundle holds {found} votes, the release log opened {expected}")]
    VoteCount { expected: usize, found: usize },

    #[error("{voter} votes twice and the rules do not allow revoting")]
    DoubleVote { voter: Addr },

    #[error("ballot of {voter} is {when} the vote was open")]
    BallotOutsideVote { voter: Addr, when: &'static str },

    #[error("ballot of {voter}: the ballot answers disagree on {field}")]
    BallotAnswerMismatch { voter: Addr, field: &'static str },

    #[error("ballot of {voter}: its rationale does not hash to the logged rationale_digest")]
    RationaleMismatch { voter: Addr },

    #[error("the tally {recorded} is recorded, the ballots and the members log give {derived}")]
    TallyMismatch { recorded: String, derived: String },

    #[error("the decision is recorded as passed: {recorded}, the rules give passed: {derived}")]
    OutcomeMismatch { recorded: bool, derived: bool },

    #[error("finalized without artifacts, or with the digest {digest} twice: a release ships one or more distinct artifacts")]
    ArtifactsNotDistinct { digest: String },

    #[error("{what}: the digest {digest} is not a finalized artifact")]
    NotAnArtifact { what: &'static str, digest: String },
}
