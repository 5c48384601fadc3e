//! Messages and answers of the council-vote contract (SPEC section 4.3). The release
//! contract sends `open_release_vote`; council-vote answers it with the release contract's
//! `record_council_decision`, carrying a `Tally`.

use berty_hashlog::{LogEventsResponse, LogHead};
use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Binary, CosmosMsg, Decimal, Empty, Timestamp};

use crate::proposal_msg::ProposalMsg;
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

/// Voting rules: `voting_period` in seconds; `execution_window`, the seconds a passed
/// governance proposal may wait for `execute` (14 days when omitted).
#[cw_serde]
#[derive(Eq)]
pub struct Rules {
    pub voting_period: u64,
    pub allow_revoting: bool,
    pub activists: CollegeRules,
    pub technologists: CollegeRules,
    #[serde(default = "default_execution_window")]
    pub execution_window: u64,
}

/// Seven days, the default voting period (SPEC section 4.3).
pub const DEFAULT_VOTING_PERIOD: u64 = 7 * 24 * 60 * 60;

/// Fourteen days, the default execution window (SPEC section 4.3).
pub const DEFAULT_EXECUTION_WINDOW: u64 = 14 * 24 * 60 * 60;

fn default_execution_window() -> u64 {
    DEFAULT_EXECUTION_WINDOW
}

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

/// The longest voting period or execution window: a year (longer is a typo).
pub const MAX_RULES_PERIOD: u64 = 365 * 24 * 60 * 60;

/// A field of a rule set, as errors name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulesField {
    VotingPeriod,
    ExecutionWindow,
    Quorum(College),
    Threshold(College),
}

impl RulesField {
    /// The field's path in `rules` (or, for `governance`, in `governance_rules`).
    pub fn path(self, governance: bool) -> &'static str {
        use College::{Activists as A, Technologists as T};
        use RulesField::*;
        match (governance, self) {
            (false, VotingPeriod) => "rules.voting_period",
            (false, ExecutionWindow) => "rules.execution_window",
            (false, Quorum(A)) => "rules.activists.quorum",
            (false, Threshold(A)) => "rules.activists.threshold",
            (false, Quorum(T)) => "rules.technologists.quorum",
            (false, Threshold(T)) => "rules.technologists.threshold",
            (true, VotingPeriod) => "governance_rules.voting_period",
            (true, ExecutionWindow) => "governance_rules.execution_window",
            (true, Quorum(A)) => "governance_rules.activists.quorum",
            (true, Threshold(A)) => "governance_rules.activists.threshold",
            (true, Quorum(T)) => "governance_rules.technologists.quorum",
            (true, Threshold(T)) => "governance_rules.technologists.threshold",
        }
    }
}

impl Rules {
    /// The first field council-vote refuses, and why (SPEC 4.3: periods of at least a
    /// second, a quorum above 0, a threshold below 1); `None` for valid rules. The contract
    /// validates with it and the trail verifier refuses committed rules it fails.
    pub fn problem(&self) -> Option<(RulesField, &'static str)> {
        const PERIOD: &str = "must be more than 0 seconds and at most a year";
        if self.voting_period == 0 || self.voting_period > MAX_RULES_PERIOD {
            return Some((RulesField::VotingPeriod, PERIOD));
        }
        if self.execution_window == 0 || self.execution_window > MAX_RULES_PERIOD {
            return Some((RulesField::ExecutionWindow, PERIOD));
        }
        College::ALL.into_iter().find_map(|college| {
            let rules = self.college(college);
            // a quorum of 0 lets a proposal pass with no turnout at all
            if rules.quorum.is_zero() || rules.quorum > Decimal::one() {
                return Some((RulesField::Quorum(college), "must be above 0 and at most 1"));
            }
            // `yes > 1 × (yes + no)` never holds: such a rule would stop every proposal,
            // including the one that would repair it
            if rules.threshold >= Decimal::one() {
                return Some((
                    RulesField::Threshold(college),
                    "must be at least 0 and below 1 (with 1 nothing can pass)",
                ));
            }
            None
        })
    }

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
            execution_window: DEFAULT_EXECUTION_WINDOW,
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
pub struct ProposeMsg {
    pub title: String,
    pub description: String,
    /// `bank` and `wasm` messages only: any other kind is refused with `UnsupportedMessage`.
    // CosmosMsgs on the wire, read as ProposalMsg so that every other kind is refused by
    // name, also those this build of cosmwasm-std does not compile in.
    #[schemars(with = "Vec<CosmosMsg<Empty>>")]
    pub msgs: Vec<ProposalMsg>,
}

#[cw_serde]
pub struct VoteMsg {
    pub proposal_id: u64,
    pub vote: Vote,
    pub rationale: Option<String>,
    pub signature: Option<Binary>,
}

#[cw_serde]
pub struct UpdateRulesMsg {
    pub rules: Rules,
    pub governance_rules: Option<Rules>,
}

#[cw_serde]
pub struct UpdateCouncilConfigMsg {
    pub membership: Option<String>,
    pub release: Option<String>,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// A governance proposal: council members and CTRs, at most 5 open each; `msgs` holds
    /// `bank` and `wasm` messages only.
    Propose(ProposeMsg),
    /// The release contract only: open the council vote on a candidate.
    OpenReleaseVote { release_id: String },
    /// Council members of the proposal's snapshot only.
    Vote(VoteMsg),
    /// Anyone, once decided or past the deadline; delivers a release decision once.
    Close { proposal_id: u64 },
    /// Anyone, once, for a passed governance proposal, within its execution window.
    Execute { proposal_id: u64 },
    /// Only through a passed proposal (the contract itself).
    UpdateRules(UpdateRulesMsg),
    /// Only through a passed proposal: move the release or membership peer.
    UpdateConfig(UpdateCouncilConfigMsg),
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
    /// Without `status`: newest first. With it: every proposal of that status now, most
    /// recently entered into it first (the order of ids for `open`), paged without gaps.
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
    /// A passed governance proposal whose execution window passed: it never runs.
    Expired,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 5] = [
        ProposalStatus::Open,
        ProposalStatus::Passed,
        ProposalStatus::Rejected,
        ProposalStatus::Executed,
        ProposalStatus::Expired,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ProposalStatus::Open => "open",
            ProposalStatus::Passed => "passed",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::Executed => "executed",
            ProposalStatus::Expired => "expired",
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
    /// When it was decided: the block time of the ballot that settled it, or the deadline.
    pub decided_at: Option<Timestamp>,
    /// A passed governance proposal runs only before this time (`decided_at` plus the
    /// execution window); after it the proposal is `expired`.
    pub execution_deadline: Option<Timestamp>,
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

/// A ballot event as stored: `[college, vote, rationale_digest, signature]`, without the
/// voter, which is the event's actor (council-vote logs every ballot by its voter). The
/// ballot is the hot path: the ~45 bytes of a repeated address cost 1,350 gas at 30 a byte.
/// The hash is of the whole event, voter included. Entries of the first version, stored
/// as the whole data object, read as they are.
pub struct StoredBallot(BallotEventData);

impl serde::Serialize for StoredBallot {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let b = &self.0;
        let mut t = serializer.serialize_tuple(4)?;
        t.serialize_element(&b.college)?;
        t.serialize_element(&b.vote)?;
        t.serialize_element(&b.rationale_digest)?;
        t.serialize_element(&b.signature)?;
        t.end()
    }
}

impl<'de> serde::Deserialize<'de> for StoredBallot {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = StoredBallot;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a stored ballot")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<StoredBallot, A::Error> {
                use serde::de::Error;
                let missing = |i| A::Error::invalid_length(i, &self);
                Ok(StoredBallot(BallotEventData {
                    // set from the event's actor by `from_stored`
                    voter: Addr::unchecked(""),
                    college: seq.next_element()?.ok_or_else(|| missing(0))?,
                    vote: seq.next_element()?.ok_or_else(|| missing(1))?,
                    rationale_digest: seq.next_element()?.ok_or_else(|| missing(2))?,
                    signature: seq.next_element()?.ok_or_else(|| missing(3))?,
                }))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<StoredBallot, A::Error> {
                let whole = serde::Deserialize::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                Ok(StoredBallot(whole))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl berty_hashlog::log::StoredData for BallotEventData {
    type Stored = StoredBallot;

    fn to_stored(self, _actor: &Addr) -> StoredBallot {
        StoredBallot(self)
    }

    fn from_stored(StoredBallot(mut ballot): StoredBallot, actor: &Addr) -> Self {
        if ballot.voter.as_str().is_empty() {
            ballot.voter = actor.clone();
        }
        ballot
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use berty_hashlog::log::StoredData;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn a_stored_ballot_leaves_out_the_voter_and_reads_both_forms() {
        let voter = Addr::unchecked("cosmwasm1voter");
        let ballot = BallotEventData {
            voter: voter.clone(),
            college: College::Technologists,
            vote: Vote::No,
            rationale_digest: None,
            signature: Some(Binary::from(vec![1, 2])),
        };
        let stored = to_json_string(&ballot.clone().to_stored(&voter)).unwrap();
        assert_eq!(stored, r#"["technologists","no",null,"AQI="]"#);
        let read: StoredBallot = from_json(&stored).unwrap();
        assert_eq!(BallotEventData::from_stored(read, &voter), ballot);
        // the first version stored the whole data object
        let whole = to_json_string(&ballot).unwrap();
        let read: StoredBallot = from_json(&whole).unwrap();
        assert_eq!(BallotEventData::from_stored(read, &voter), ballot);
        assert!(from_json::<StoredBallot>(r#"["technologists","no"]"#).is_err());
    }
}
