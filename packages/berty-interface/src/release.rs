//! Messages and answers of the release contract (SPEC section 4.4), the release log's
//! events, and the lifecycle peers read raw. council-vote sends `record_council_decision`.

use berty_hashlog::{LogEventsResponse, LogHead};
use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Timestamp};

use crate::council_vote::{Rules, Tally};

/// A candidate's place in its lifecycle: `auditing → voting → approved → released`,
/// `voting → auditing` on rejection, `withdrawn` from any state before `released`.
#[cw_serde]
#[derive(Copy, Eq, Hash)]
pub enum ReleaseStatus {
    Auditing,
    Voting,
    Approved,
    Released,
    Withdrawn,
}

impl ReleaseStatus {
    pub const ALL: [ReleaseStatus; 5] = [
        ReleaseStatus::Auditing,
        ReleaseStatus::Voting,
        ReleaseStatus::Approved,
        ReleaseStatus::Released,
        ReleaseStatus::Withdrawn,
    ];

    /// Open candidates take reports and challenges: not released, not withdrawn.
    pub fn is_open(self) -> bool {
        !matches!(self, ReleaseStatus::Released | ReleaseStatus::Withdrawn)
    }

    /// The status as JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseStatus::Auditing => "auditing",
            ReleaseStatus::Voting => "voting",
            ReleaseStatus::Approved => "approved",
            ReleaseStatus::Released => "released",
            ReleaseStatus::Withdrawn => "withdrawn",
        }
    }
}

impl std::fmt::Display for ReleaseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// At most this many artifacts in one `finalize`.
pub const MAX_ARTIFACTS: usize = 32;
/// At most this many publications per release.
pub const MAX_PUBLICATIONS: usize = 32;
/// A version string (semver) is at most this long.
pub const VERSION_MAX_BYTES: usize = 64;

/// A built artifact of a finalized release.
#[cw_serde]
pub struct Artifact {
    pub name: String,
    pub platform: String,
    pub digest: String,
    pub uri: String,
}

/// Who built the artifacts and, optionally, the build's provenance attestation.
#[cw_serde]
pub struct BuildInfo {
    pub builder: String,
    pub provenance_uri: Option<String>,
    pub provenance_digest: Option<String>,
}

#[cw_serde]
pub struct InstantiateMsg {
    pub membership: String,
    pub audit_registry: String,
    pub council_vote: String,
    pub app_name: String,
}

#[cw_serde]
pub struct ProposeReleaseMsg {
    pub release_id: String,
    pub version: String,
    pub source_uri: String,
    pub commit: Option<String>,
    pub notes_uri: Option<String>,
}

#[cw_serde]
pub struct WithdrawMsg {
    pub release_id: String,
    pub reason: String,
}

#[cw_serde]
pub struct RecordCouncilDecisionMsg {
    pub release_id: String,
    pub proposal_id: u64,
    pub passed: bool,
    pub tally: Tally,
    pub rules: Rules,
    pub ballots_head: String,
    pub ballots_count: u64,
}

#[cw_serde]
pub struct FinalizeMsg {
    pub release_id: String,
    pub artifacts: Vec<Artifact>,
    pub build: BuildInfo,
}

#[cw_serde]
pub struct AttestPublicationMsg {
    pub release_id: String,
    pub channel: String,
    pub artifact_digest: String,
    pub listing_uri: Option<String>,
}

#[cw_serde]
pub struct UpdateReleaseConfigMsg {
    pub membership: Option<String>,
    pub audit_registry: Option<String>,
    pub council_vote: Option<String>,
    pub app_name: Option<String>,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// CTR: a new candidate; `release_id` is the sha256 of the source archive.
    Propose(ProposeReleaseMsg),
    /// CTR, before finalization.
    Withdraw(WithdrawMsg),
    /// CTR: the audit gate must pass; opens a council vote.
    SubmitForVote { release_id: String },
    /// council-vote only; `rules` are those the vote was decided under.
    RecordCouncilDecision(RecordCouncilDecisionMsg),
    /// CTR: re-checks every gate, records the artifacts.
    Finalize(FinalizeMsg),
    /// CTR with a registered key: an app-store (or other channel) publication.
    AttestPublication(AttestPublicationMsg),
    /// Governance (council-vote) only: move a peer or rename the app.
    UpdateConfig(UpdateReleaseConfigMsg),
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(ReleaseResponse)]
    Release { release_id: String },
    #[returns(ReleasesResponse)]
    Releases {
        status: Option<ReleaseStatus>,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(GatesResponse)]
    Gates { release_id: String },
    #[returns(TrailResponse)]
    Trail {
        release_id: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(LogHead)]
    TrailHead { release_id: String },
    /// The most recently released candidate; an error while none is released.
    #[returns(ReleaseResponse)]
    LatestRelease {},
}

#[cw_serde]
pub struct ConfigResponse {
    pub membership: Addr,
    pub audit_registry: Addr,
    pub council_vote: Addr,
    pub app_name: String,
}

/// The council's decision as recorded, with the rules it was decided under (`null` only in
/// a decision recorded before the release log committed to rules).
#[cw_serde]
pub struct CouncilDecision {
    pub proposal_id: u64,
    pub passed: bool,
    pub tally: Tally,
    pub rules: Option<Rules>,
    pub ballots_head: String,
    pub ballots_count: u64,
}

#[cw_serde]
pub struct Publication {
    pub channel: String,
    pub artifact_digest: String,
    pub listing_uri: Option<String>,
    pub publisher: Addr,
    pub time: Timestamp,
}

#[cw_serde]
pub struct ReleaseResponse {
    pub release_id: String,
    pub version: String,
    pub status: ReleaseStatus,
    pub proposer: Addr,
    /// The current (or last) council vote.
    pub proposal_id: Option<u64>,
    pub source_uri: String,
    pub commit: Option<String>,
    pub notes_uri: Option<String>,
    pub proposed_at: Timestamp,
    pub decision: Option<CouncilDecision>,
    pub artifacts: Vec<Artifact>,
    pub build: Option<BuildInfo>,
    pub released_at: Option<Timestamp>,
    pub publications: Vec<Publication>,
    pub withdrawn_reason: Option<String>,
}

#[cw_serde]
pub struct ReleasesResponse {
    pub releases: Vec<ReleaseResponse>,
}

/// One gate: whether it holds now, and a sentence per reason it does not.
#[cw_serde]
pub struct GateState {
    pub passed: bool,
    pub blockers: Vec<String>,
}

/// Each gate's state as of now, and every blocker in one list.
#[cw_serde]
pub struct GatesResponse {
    pub release_id: String,
    pub status: ReleaseStatus,
    pub candidate: GateState,
    pub audit: GateState,
    pub council: GateState,
    pub finalizable: bool,
    pub blockers: Vec<String>,
}

/// Kinds of the release log.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum ReleaseEventKind {
    Proposed,
    VoteOpened,
    Decision,
    Finalized,
    Published,
    Withdrawn,
}

/// Data of the release log. Untagged: the event's `kind` says which; variants are tried in
/// this order, so a variant comes before any whose fields are a subset of its own.
#[cw_serde]
#[serde(untagged)]
#[schemaifier(mute_warnings)]
pub enum ReleaseEventData {
    Finalized {
        proposal_id: u64,
        artifacts: Vec<Artifact>,
        build: BuildInfo,
        reports_log: LogHead,
        members_log: LogHead,
    },
    /// `rules`: those the vote was decided under. Absent (not `null`: the hashed bytes stay
    /// those of the first version) only in decisions recorded before rules were committed.
    Decision {
        proposal_id: u64,
        passed: bool,
        tally: Tally,
        ballots_log: LogHead,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rules: Option<Rules>,
    },
    VoteOpened {
        proposal_id: u64,
        reports_log: LogHead,
        members_log: LogHead,
    },
    Proposed {
        app_name: String,
        version: String,
        source_uri: String,
        commit: Option<String>,
        notes_uri: Option<String>,
    },
    Published {
        channel: String,
        artifact_digest: String,
        listing_uri: Option<String>,
    },
    Withdrawn {
        reason: String,
    },
}

pub type TrailResponse = LogEventsResponse<ReleaseEventKind, ReleaseEventData>;

berty_hashlog::stored_as_is!(ReleaseEventData);
