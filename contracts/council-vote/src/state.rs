//! Storage. A proposal is split in two: what every ballot reads and rewrites (`Proposal`:
//! rules, snapshot, tally, status), and what only queries read (`ProposalText`: title,
//! description, messages), so a ballot never pays for the text.

use berty_interface::council_vote::{
    BallotEventData, BallotEventKind, ProposalKind, ProposalStatus, Rejection, Rules, Tally, Vote,
};
use berty_interface::College;
use berty_trail::{Log, LogName};
use cosmwasm_std::{Addr, Binary, CosmosMsg, Empty, Timestamp};
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

/// The voting state of a proposal: read and written by every ballot.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Proposal {
    pub kind: ProposalKind,
    /// `open` until decided (by a ballot, or materialized by `close` / `execute` after the
    /// deadline): the answer's status is `status::current`, not this field alone.
    pub status: ProposalStatus,
    pub snapshot_height: u64,
    pub deadline: Timestamp,
    pub rules: Rules,
    pub tally: Tally,
    pub rejection: Option<Rejection>,
    pub closed: bool,
}

pub const PROPOSALS: Map<u64, Proposal> = Map::new("proposals");

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

/// `snapshot height -> id of the first proposal opened at that height`: where a member's
/// participation window starts.
pub const FIRST_PROPOSAL_AT: Map<u64, u64> = Map::new("first_proposal_at");

/// A ballot as cast (the newest one, with revoting).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Ballot {
    pub college: College,
    pub vote: Vote,
    pub rationale: Option<String>,
    pub signature: Option<Binary>,
    pub pubkey: Option<Binary>,
    pub height: u64,
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
