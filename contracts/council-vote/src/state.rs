//! Storage declarations. A proposal is kept in three entries: its text (title,
//! description, messages), which only queries and `execute` read, and its terms and state
//! (`proposal.rs`), which ballots read and rewrite; ballots in `ballot.rs`; the status lists
//! in `lists.rs`.

use berty_hashlog::{Log, LogName};
use berty_interface::council_vote::{BallotEventData, BallotEventKind, Rules};
use cosmwasm_std::{Addr, CosmosMsg, Empty, Timestamp};
use cw_storage_plus::{Item, Map};
use serde::{Deserialize, Serialize};

pub use berty_interface::keys::NEXT_PROPOSAL_ID;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Config {
    /// Where proposals opened from now on read eligibility (each keeps its own in its terms).
    pub membership: Addr,
    pub release: Addr,
}

pub const CONFIG: Item<Config> = Item::new("config");

/// Rules of release votes and of governance proposals; a proposal keeps a copy of the
/// rules it opened under.
pub const RULES: Item<Rules> = Item::new("rules");
pub const GOVERNANCE_RULES: Item<Rules> = Item::new("governance_rules");

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

/// `(proposer, id)` of each proposer's governance proposals that were open at its last
/// `propose` (at most `MAX_OPEN_PROPOSALS`), for the cap on open proposals.
pub const OPEN_BY_PROPOSER: Map<(&Addr, u64), ()> = Map::new("open_by_proposer");

/// The first version's index of stored statuses, `(code, id)`; `migrate` moves it into
/// the lists of `lists.rs`.
pub const LEGACY_STATUS_INDEX: Map<(u8, u64), ()> = Map::new("status_index");

/// The rationale text of a voter's newest ballot, when it has one.
pub const RATIONALES: Map<(u64, &Addr), String> = Map::new("rationales");

/// The ballots log, one chain per proposal (key: the id in decimal). Its head is held in the
/// proposal's state (`Log::append_held`), not in the log's own head entry.
pub const BALLOTS_LOG: Log<BallotEventKind, BallotEventData> = Log::new(LogName::Ballots);
