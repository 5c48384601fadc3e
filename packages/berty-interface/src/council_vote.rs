//! Messages and answers of the council-vote contract (SPEC section 4.3). The release
//! contract sends `open_release_vote`; council-vote answers it with the release contract's
//! `record_council_decision`, carrying a `Tally`.

use berty_trail::{LogEventsResponse, LogHead};
use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Binary, CosmosMsg, Decimal, Empty, Timestamp};

use crate::role::College;

/// A council member's ballot.
#[cw_serde]
#[derive(Copy, Eq, Hash)]
pub enum Vote {
    Yes,
    No,
    Abstain,
}

impl Vote {
    pub const ALL: [Vote; 3] = [Vote::Yes, Vote::No, Vote::Abstain];

    pub fn as_str(&self) -> &'static str {
        match self {
            Vote::Yes => "yes",
            Vote::No => "no",
            Vote::Abstain => "abstain",
        }
    }
}

/// One college's turnout and approval thresholds, exact Decimals:
/// turnout `yes + no + abstain ≥ quorum × E`, approval `yes > threshold × (yes + no)`.
#[cw_serde]
#[derive(Copy, Eq)]
pub struct CollegeRules {
    pub quorum: Decimal,
    pub threshold: Decimal,
}

/// Voting rules: `voting_period` in seconds.
#[cw_serde]
#[derive(Eq)]
pub struct Rules {
    pub voting_period: u64,
    pub allow_revoting: bool,
    pub activists: CollegeRules,
    pub technologists: CollegeRules,
}

/// Seven days, the default voting period (SPEC section 4.3).
pub const DEFAULT_VOTING_PERIOD: u64 = 7 * 24 * 60 * 60;

impl CollegeRules {
    /// SPEC's default: quorum 2/3 rounded down (2 of 3 is enough), threshold one half.
    pub fn spec_default() -> Self {
        CollegeRules {
            quorum: Decimal::from_atomics(666_666_666_666_666_666u128, 18)
                .expect("a valid decimal"),
            threshold: Decimal::percent(50),
        }
    }
}

impl Rules {
    pub fn college(&self, college: College) -> &CollegeRules {
        match college {
            College::Activists => &self.activists,
            College::Technologists => &self.technologists,
        }
    }
}

/// SPEC's defaults: seven days, no revoting, the default rules in each college.
impl Default for Rules {
    fn default() -> Self {
        Rules {
            voting_period: DEFAULT_VOTING_PERIOD,
            allow_revoting: false,
            activists: CollegeRules::spec_default(),
            technologists: CollegeRules::spec_default(),
        }
    }
}

/// One college's ballots and its size at the proposal's snapshot.
#[cw_serde]
#[derive(Copy, Default, Eq)]
pub struct CollegeTally {
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    pub eligible: u64,
}

/// Per-college tally, as `proposal` answers and `record_council_decision` carries it.
#[cw_serde]
#[derive(Copy, Default, Eq)]
pub struct Tally {
    pub activists: CollegeTally,
    pub technologists: CollegeTally,
}

impl Tally {
    pub fn college(&self, college: College) -> &CollegeTally {
        match college {
            College::Activists => &self.activists,
            College::Technologists => &self.technologists,
        }
    }

    pub fn college_mut(&mut self, college: College) -> &mut CollegeTally {
        match college {
            College::Activists => &mut self.activists,
            College::Technologists => &mut self.technologists,
        }
    }
}

#[cw_serde]
pub struct InstantiateMsg {
    pub membership: String,
    pub release: String,
    pub rules: Rules,
    /// Rules of governance proposals; `rules` when absent.
    pub governance_rules: Option<Rules>,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// A governance proposal: council members and CTRs.
    Propose {
        title: String,
        description: String,
        msgs: Vec<CosmosMsg<Empty>>,
    },
    /// The release contract only: open the council vote on a candidate.
    OpenReleaseVote { release_id: String },
    /// Council members of the proposal's snapshot only.
    Vote {
        proposal_id: u64,
        vote: Vote,
        rationale: Option<String>,
        signature: Option<Binary>,
    },
    /// Anyone, once decided or past the deadline; delivers a release decision once.
    Close { proposal_id: u64 },
    /// Anyone, once, for a passed governance proposal.
    Execute { proposal_id: u64 },
    /// Only through a passed proposal (the contract itself).
    UpdateRules {
        rules: Rules,
        governance_rules: Option<Rules>,
    },
    /// Only through a passed proposal: move the release or membership peer.
    UpdateConfig {
        membership: Option<String>,
        release: Option<String>,
    },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(RulesResponse)]
    Rules {},
    #[returns(ConfigResponse)]
    Config {},
    #[returns(ProposalResponse)]
    Proposal { proposal_id: u64 },
    /// Newest first.
    #[returns(ProposalsResponse)]
    Proposals {
        status: Option<ProposalStatus>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(BallotResponse)]
    Ballot { proposal_id: u64, voter: String },
    /// By voter address.
    #[returns(BallotsResponse)]
    Ballots {
        proposal_id: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(BallotLogResponse)]
    BallotLog {
        proposal_id: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(LogHead)]
    BallotLogHead { proposal_id: u64 },
    /// Per council member (at most 30 a page): how many of the last 10 proposals it voted on.
    #[returns(MemberParticipationResponse)]
    MemberParticipation {
        start_after: Option<String>,
        limit: Option<u32>,
    },
}

#[cw_serde]
pub struct RulesResponse {
    pub rules: Rules,
    pub governance_rules: Rules,
}

#[cw_serde]
pub struct ConfigResponse {
    pub membership: Addr,
    pub release: Addr,
}

#[cw_serde]
#[derive(Copy, Eq, Hash)]
pub enum ProposalKind {
    Release,
    Governance,
}

impl ProposalKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ProposalKind::Release => "release",
            ProposalKind::Governance => "governance",
        }
    }
}

#[cw_serde]
#[derive(Copy, Eq, Hash)]
pub enum ProposalStatus {
    Open,
    Passed,
    Rejected,
    Executed,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 4] = [
        ProposalStatus::Open,
        ProposalStatus::Passed,
        ProposalStatus::Rejected,
        ProposalStatus::Executed,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ProposalStatus::Open => "open",
            ProposalStatus::Passed => "passed",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::Executed => "executed",
        }
    }
}

impl std::fmt::Display for ProposalStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cw_serde]
#[derive(Copy, Eq, Hash)]
pub enum RejectionReason {
    TurnoutNotMet,
    ThresholdNotMet,
}

impl RejectionReason {
    pub fn as_str(&self) -> &'static str {
        match self {
            RejectionReason::TurnoutNotMet => "turnout_not_met",
            RejectionReason::ThresholdNotMet => "threshold_not_met",
        }
    }
}

/// Why a proposal was rejected: the first failing test, activists before technologists,
/// turnout before approval.
#[cw_serde]
#[derive(Copy, Eq)]
pub struct Rejection {
    pub reason: RejectionReason,
    pub college: College,
}

#[cw_serde]
pub struct ProposalResponse {
    pub id: u64,
    pub kind: ProposalKind,
    pub status: ProposalStatus,
    pub proposer: Addr,
    /// The candidate of a release vote.
    pub release_id: Option<String>,
    pub title: String,
    pub description: String,
    pub msgs: Vec<CosmosMsg<Empty>>,
    /// Eligibility is membership at the start of this block (the opening block).
    pub snapshot_height: u64,
    pub opened_at: Timestamp,
    pub deadline: Timestamp,
    pub rules: Rules,
    pub tally: Tally,
    pub rejection: Option<Rejection>,
    /// A release decision was delivered by `close`.
    pub closed: bool,
    pub ballots_log: LogHead,
}

#[cw_serde]
pub struct ProposalsResponse {
    pub proposals: Vec<ProposalResponse>,
}

#[cw_serde]
pub struct BallotResponse {
    pub proposal_id: u64,
    pub voter: Addr,
    pub college: College,
    pub vote: Vote,
    pub rationale: Option<String>,
    pub signature: Option<Binary>,
    pub pubkey: Option<Binary>,
    pub height: u64,
}

#[cw_serde]
pub struct BallotsResponse {
    pub ballots: Vec<BallotResponse>,
}

/// Kinds of the ballots log.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum BallotEventKind {
    Ballot,
}

/// Data of the ballots log; the voter's registered key is the event's `pubkey`.
/// `rationale_digest` is the sha256 (hex) of the rationale text, `null` without one.
#[cw_serde]
pub struct BallotEventData {
    pub voter: Addr,
    pub college: College,
    pub vote: Vote,
    pub rationale_digest: Option<String>,
    pub signature: Option<Binary>,
}

pub type BallotLogResponse = LogEventsResponse<BallotEventKind, BallotEventData>;

#[cw_serde]
pub struct MemberParticipation {
    pub addr: Addr,
    pub college: College,
    /// Of the `window` proposals, how many this member voted on.
    pub voted: u64,
    /// Of the last 10 proposals (by id), those this member could vote on in its current
    /// seat: opened after the block of its last role change, `first_proposal` to the newest.
    pub window: u64,
    /// The oldest proposal of the window; `null` while the window is empty.
    pub first_proposal: Option<u64>,
}

#[cw_serde]
pub struct MemberParticipationResponse {
    pub members: Vec<MemberParticipation>,
}
