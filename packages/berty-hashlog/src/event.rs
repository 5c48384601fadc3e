//! The event every log holds and the answers of log queries.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Binary, Timestamp};

/// One trail event, `{ seq, height, time, contract, actor, pubkey?, kind, data }`.
/// Its serialization (fields in this order, compact) is what the chain hashes, so the
/// field order is part of the format: never reorder, never skip `None` fields.
#[cw_serde]
pub struct Event<K, D> {
    pub seq: u64,
    pub height: u64,
    pub time: Timestamp,
    pub contract: Addr,
    pub actor: Addr,
    pub pubkey: Option<Binary>,
    pub kind: K,
    pub data: D,
}

/// An event with the chain hash it produced (`hash_{seq+1}`), lowercase hex.
#[cw_serde]
pub struct LogEntry<K, D> {
    pub event: Event<K, D>,
    pub hash: String,
}

/// Answer of the log queries: `{ events: [{ event, hash }] }`, paged by `seq`.
#[cw_serde]
pub struct LogEventsResponse<K, D> {
    pub events: Vec<LogEntry<K, D>>,
}

/// Answer of the head queries and what the release log commits to: the number of events
/// and the last hash (`hash_0` while empty), lowercase hex.
#[cw_serde]
#[derive(Eq)]
pub struct LogHead {
    pub length: u64,
    pub head: String,
}
