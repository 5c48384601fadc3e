//! Storage. A proposal is kept in three entries: its text (title, description, messages),
//! which only queries and `execute` read; its terms (snapshot, deadline, rules), which
//! ballots read; and its state (status, tally), the one entry ballots rewrite. So a ballot
//! never pays for the text and writes as few bytes as it can.

use berty_interface::council_vote::{
    BallotEventData, BallotEventKind, CollegeTally, ProposalKind, ProposalStatus, Rejection, Rules,
    Tally, Vote,
};
use berty_interface::College;
use berty_trail::{Log, LogName};
use cosmwasm_std::{Addr, Binary, CosmosMsg, Empty, StdError, StdResult, Storage, Timestamp};
use cw_storage_plus::{Item, Map};
use serde::{Deserialize, Serialize};

pub use berty_interface::keys::NEXT_PROPOSAL_ID;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Config {
    pub membership: Addr,
    pub release: Addr,
}

pub const CONFIG: Item<Config> = Item::new("config");

/// Rules of release votes and of governance proposals; a proposal keeps a copy of the
/// rules it opened under.
pub const RULES: Item<Rules> = Item::new("rules");
pub const GOVERNANCE_RULES: Item<Rules> = Item::new("governance_rules");

/// A proposal's voting state, as the contract works with it. Stored in two entries: the
/// terms (kind, snapshot, deadline, rules), written once, and the state (status, tally,
/// rejection, closed), rewritten by every ballot and so kept small.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub kind: ProposalKind,
    /// `open` until decided (by a ballot, or stored by `close` / `execute` after the
    /// deadline): the answer's status is `status::current`, not this field alone.
    pub status: ProposalStatus,
    pub snapshot_height: u64,
    pub deadline: Timestamp,
    pub rules: Rules,
    pub tally: Tally,
    pub rejection: Option<Rejection>,
    pub closed: bool,
}

#[derive(Serialize, Deserialize)]
struct StoredTerms(ProposalKind, u64, Timestamp, Rules);

/// `[status code, [[yes, no, abstain, eligible] per college], rejection, closed]`: every
/// byte of it is written again by each ballot, at 30 gas a byte.
#[derive(Serialize, Deserialize)]
struct StoredState(u8, [[u64; 4]; 2], Option<Rejection>, bool);

const TERMS: Map<u64, StoredTerms> = Map::new("proposal_terms");
const STATES: Map<u64, StoredState> = Map::new("proposal_states");

fn pack(t: &CollegeTally) -> [u64; 4] {
    [t.yes, t.no, t.abstain, t.eligible]
}

fn unpack([yes, no, abstain, eligible]: [u64; 4]) -> CollegeTally {
    CollegeTally {
        yes,
        no,
        abstain,
        eligible,
    }
}

impl Proposal {
    pub fn may_load(store: &dyn Storage, id: u64) -> StdResult<Option<Proposal>> {
        let Some(StoredTerms(kind, snapshot_height, deadline, rules)) =
            TERMS.may_load(store, id)?
        else {
            return Ok(None);
        };
        let StoredState(code, [activists, technologists], rejection, closed) =
            STATES.load(store, id)?;
        Ok(Some(Proposal {
            kind,
            status: status_from_code(code)?,
            snapshot_height,
            deadline,
            rules,
            tally: Tally {
                activists: unpack(activists),
                technologists: unpack(technologists),
            },
            rejection,
            closed,
        }))
    }

    /// Writes a new proposal: its terms and its state.
    pub fn create(&self, store: &mut dyn Storage, id: u64) -> StdResult<()> {
        let terms = StoredTerms(
            self.kind,
            self.snapshot_height,
            self.deadline,
            self.rules.clone(),
        );
        TERMS.save(store, id, &terms)?;
        self.save_state(store, id)
    }

    /// Writes what changed: the state only.
    pub fn save_state(&self, store: &mut dyn Storage, id: u64) -> StdResult<()> {
        let tally = [pack(&self.tally.activists), pack(&self.tally.technologists)];
        let state = StoredState(status_code(self.status), tally, self.rejection, self.closed);
        STATES.save(store, id, &state)
    }

    /// Ids, newest first, below `start_after`.
    pub fn ids_descending(
        store: &dyn Storage,
        start_after: Option<u64>,
    ) -> impl Iterator<Item = StdResult<u64>> + '_ {
        TERMS.keys(
            store,
            None,
            start_after.map(cw_storage_plus::Bound::exclusive),
            cosmwasm_std::Order::Descending,
        )
    }
}

/// What a proposal says: written once, read by queries and `execute`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ProposalText {
    pub proposer: Addr,
    pub release_id: Option<String>,
    pub title: String,
    pub description: String,
    pub msgs: Vec<CosmosMsg<Empty>>,
    pub opened_at: Timestamp,
}

pub const PROPOSAL_TEXTS: Map<u64, ProposalText> = Map::new("proposal_texts");

/// `(stored status code, id)` for listing proposals by status.
pub const STATUS_INDEX: Map<(u8, u64), ()> = Map::new("status_index");

pub fn status_code(status: ProposalStatus) -> u8 {
    match status {
        ProposalStatus::Open => 0,
        ProposalStatus::Passed => 1,
        ProposalStatus::Rejected => 2,
        ProposalStatus::Executed => 3,
    }
}

fn status_from_code(code: u8) -> StdResult<ProposalStatus> {
    ProposalStatus::ALL
        .into_iter()
        .find(|status| status_code(*status) == code)
        .ok_or_else(|| StdError::msg(format!("unknown proposal status code {code}")))
}

/// `snapshot height -> id of the first proposal opened at that height`: where a member's
/// participation window starts.
pub const FIRST_PROPOSAL_AT: Map<u64, u64> = Map::new("first_proposal_at");

/// A ballot as cast (the newest one, with revoting). Stored as an array.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(into = "StoredBallot", from = "StoredBallot")]
pub struct Ballot {
    pub college: College,
    pub vote: Vote,
    pub rationale: Option<String>,
    pub signature: Option<Binary>,
    pub pubkey: Option<Binary>,
    pub height: u64,
}

/// `[college code, vote code, rationale, signature, pubkey, height]`.
#[derive(Serialize, Deserialize)]
struct StoredBallot(u8, u8, Option<String>, Option<Binary>, Option<Binary>, u64);

impl From<Ballot> for StoredBallot {
    fn from(b: Ballot) -> Self {
        let college = College::ALL.iter().position(|c| *c == b.college);
        let vote = Vote::ALL.iter().position(|v| *v == b.vote);
        // positions in arrays of two and three: always small
        StoredBallot(
            college.unwrap_or_default() as u8,
            vote.unwrap_or_default() as u8,
            b.rationale,
            b.signature,
            b.pubkey,
            b.height,
        )
    }
}

impl From<StoredBallot> for Ballot {
    fn from(
        StoredBallot(college, vote, rationale, signature, pubkey, height): StoredBallot,
    ) -> Self {
        Ballot {
            college: College::ALL[usize::from(college).min(1)],
            vote: Vote::ALL[usize::from(vote).min(2)],
            rationale,
            signature,
            pubkey,
            height,
        }
    }
}

pub const BALLOTS: Map<(u64, &Addr), Ballot> = Map::new("ballots");

/// The ballots log, one chain per proposal (key: the id in decimal).
pub const BALLOTS_LOG: Log<BallotEventKind, BallotEventData> = Log::new(LogName::Ballots);

/// Per council member: the height of the role change that started its current seat, and
/// how many proposals opened after it the member voted on. A new seat restarts the count.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Participation(pub u64, pub u64);

impl Participation {
    pub fn voted_in_seat(&self, seat_since: u64) -> u64 {
        if self.0 == seat_since {
            self.1
        } else {
            0
        }
    }
}

pub const PARTICIPATION: Map<&Addr, Participation> = Map::new("participation");

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn ballots_are_stored_as_arrays_and_round_trip() {
        for college in College::ALL {
            for vote in Vote::ALL {
                let ballot = Ballot {
                    college,
                    vote,
                    rationale: Some("why".into()),
                    signature: None,
                    pubkey: Some(Binary::from(vec![2; 33])),
                    height: 12,
                };
                let json = to_json_string(&ballot).unwrap();
                assert!(json.starts_with('['), "{json}");
                assert_eq!(from_json::<Ballot>(&json).unwrap(), ballot);
            }
        }
        let plain = Ballot {
            college: College::Technologists,
            vote: Vote::Abstain,
            rationale: None,
            signature: None,
            pubkey: None,
            height: 7,
        };
        assert_eq!(to_json_string(&plain).unwrap(), "[1,2,null,null,null,7]");
    }

    #[test]
    fn proposals_round_trip_through_terms_and_state() {
        let mut store = cosmwasm_std::testing::MockStorage::new();
        let mut proposal = Proposal {
            kind: ProposalKind::Governance,
            status: ProposalStatus::Open,
            snapshot_height: 5,
            deadline: Timestamp::from_seconds(100),
            rules: Rules::default(),
            tally: Tally::default(),
            rejection: None,
            closed: false,
        };
        proposal.create(&mut store, 3).unwrap();
        assert_eq!(
            Proposal::may_load(&store, 3).unwrap(),
            Some(proposal.clone())
        );
        for status in ProposalStatus::ALL {
            proposal.status = status;
            proposal.tally.technologists.abstain += 1;
            proposal.closed = !proposal.closed;
            proposal.save_state(&mut store, 3).unwrap();
            assert_eq!(
                Proposal::may_load(&store, 3).unwrap(),
                Some(proposal.clone())
            );
        }
        assert_eq!(Proposal::may_load(&store, 4).unwrap(), None);
        let state = store.get(&STATES.key(3)).unwrap();
        assert_eq!(
            String::from_utf8(state).unwrap(),
            "[3,[[0,0,0,0],[0,0,4,0]],null,false]"
        );
    }
}
