//! On-chain storage of a hash-chained log: one chain per key (a release id, a proposal
//! id, `dao`), appended in O(1) (one head read, two writes), read in bounded pages.
//! Peers read a head with one raw query (`Log::query_head`).

use std::marker::PhantomData;

use cosmwasm_std::{
    to_json_vec, Addr, Attribute, Binary, Env, Order, QuerierWrapper, StdError, StdResult, Storage,
    Timestamp,
};
use cw_storage_plus::{Bound, Map};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::event::{Event, LogEntry, LogEventsResponse, LogHead};
use crate::hash::{chain_hash, genesis_hash, to_hex, Hash};

/// The four logs of SPEC section 6; each names its hash domain and its storage namespaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogName {
    Release,
    Reports,
    Ballots,
    Members,
}

impl LogName {
    pub const fn as_str(self) -> &'static str {
        match self {
            LogName::Release => "release",
            LogName::Reports => "reports",
            LogName::Ballots => "ballots",
            LogName::Members => "members",
        }
    }

    /// The attributes SPEC section 5 asks of an execute that appended the events `seqs` to
    /// this log: `log` and `seq` for each, so an indexer fetches exactly the new entries.
    pub fn attributes(self, seqs: std::ops::Range<u64>) -> Vec<Attribute> {
        seqs.flat_map(|seq| {
            [
                Attribute::new("log", self.as_str()),
                Attribute::new("seq", seq.to_string()),
            ]
        })
        .collect()
    }

    /// Namespace of the events, keyed `(log key, seq)`.
    pub const fn events_namespace(self) -> &'static str {
        match self {
            LogName::Release => "release_log",
            LogName::Reports => "reports_log",
            LogName::Ballots => "ballots_log",
            LogName::Members => "members_log",
        }
    }

    /// Namespace of the heads (`LogHead`), keyed by log key; peers read it raw.
    pub const fn heads_namespace(self) -> &'static str {
        match self {
            LogName::Release => "release_log_head",
            LogName::Reports => "reports_log_head",
            LogName::Ballots => "ballots_log_head",
            LogName::Members => "members_log_head",
        }
    }
}

/// How a log stores its events' data. The hash is always of the data as the event holds it
/// (canonical JSON, SPEC 6); storage may leave out what the stored event already says, such
/// as the actor a ballot's `voter` repeats: every byte written costs 30 gas. Data kept as it
/// is implements this with `Stored = Self` ([`stored_as_is!`](crate::stored_as_is)).
pub trait StoredData: Sized {
    type Stored: Serialize + DeserializeOwned;

    fn to_stored(self, actor: &Addr) -> Self::Stored;

    fn from_stored(stored: Self::Stored, actor: &Addr) -> Self;
}

/// `impl StoredData for T { type Stored = T; ... }`: data stored as the event holds it.
#[macro_export]
macro_rules! stored_as_is {
    ($($data:ty),* $(,)?) => {
        $(impl $crate::log::StoredData for $data {
            type Stored = $data;

            fn to_stored(self, _actor: &cosmwasm_std::Addr) -> Self {
                self
            }

            fn from_stored(stored: Self, _actor: &cosmwasm_std::Addr) -> Self {
                stored
            }
        })*
    };
}

/// What is stored per event: the event less what the key and the contract already say
/// (`seq`, `contract`), plus the hash it produced. A tuple, so JSON stores it as an array
/// without field names: every byte written costs 30 gas.
#[derive(Serialize, Deserialize)]
struct StoredEvent<K, D>(
    u64,            // height
    Timestamp,      // time
    Addr,           // actor
    Option<Binary>, // pubkey
    K,              // kind
    D,              // data
    Binary,         // the hash, 32 bytes
);

/// What is stored per head: `(length, hash)`, 32 raw bytes as base64.
#[derive(Serialize, Deserialize)]
struct StoredHead(u64, Binary);

impl StoredHead {
    fn hash(&self) -> StdResult<Hash> {
        self.1
            .as_slice()
            .try_into()
            .map_err(|_| StdError::msg("corrupt log head"))
    }

    fn answer(&self) -> StdResult<LogHead> {
        Ok(LogHead {
            length: self.0,
            head: to_hex(&self.hash()?),
        })
    }
}

/// An event to append: what the contract says; the log adds seq, height, time and contract.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent<K, D> {
    pub actor: Addr,
    pub pubkey: Option<Binary>,
    pub kind: K,
    pub data: D,
}

/// A log's head as a caller keeps it in its own storage (`Log::append_held`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeldHead {
    pub length: u64,
    pub hash: Hash,
}

impl HeldHead {
    pub fn answer(&self) -> LogHead {
        LogHead {
            length: self.length,
            head: to_hex(&self.hash),
        }
    }
}

/// A typed log: `K` the kinds of its events, `D` their data.
pub struct Log<K, D> {
    name: LogName,
    _types: PhantomData<fn() -> (K, D)>,
}

impl<K, D> Log<K, D>
where
    K: Serialize + DeserializeOwned + Clone,
    D: Serialize + DeserializeOwned + Clone + StoredData,
{
    pub const fn new(name: LogName) -> Self {
        Log {
            name,
            _types: PhantomData,
        }
    }

    pub fn name(&self) -> LogName {
        self.name
    }

    fn events<'k>(&self) -> Map<(&'k str, u64), StoredEvent<K, D::Stored>> {
        Map::new(self.name.events_namespace())
    }

    fn heads<'k>(&self) -> Map<&'k str, StoredHead> {
        Map::new(self.name.heads_namespace())
    }

    fn genesis_hash(&self, chain_id: &str, contract: &Addr, key: &str) -> Hash {
        genesis_hash(self.name.as_str(), chain_id, contract.as_str(), key)
    }

    /// The head of an empty log: length 0 and `hash_0`.
    pub fn genesis(&self, chain_id: &str, contract: &Addr, key: &str) -> LogHead {
        LogHead {
            length: 0,
            head: to_hex(&self.genesis_hash(chain_id, contract, key)),
        }
    }

    pub fn head(&self, store: &dyn Storage, env: &Env, key: &str) -> StdResult<LogHead> {
        match self.heads().may_load(store, key)? {
            Some(stored) => stored.answer(),
            None => Ok(self.genesis(&env.block.chain_id, &env.contract.address, key)),
        }
    }

    /// Appends one event at the current block and returns the new head.
    pub fn append(
        &self,
        store: &mut dyn Storage,
        env: &Env,
        key: &str,
        event: NewEvent<K, D>,
    ) -> StdResult<LogHead> {
        self.append_all(store, env, key, [event])
    }

    /// Appends events in order at the current block, reading and writing the head once
    /// (a batch of n events costs n + 1 writes, not 2n). Returns the new head.
    pub fn append_all(
        &self,
        store: &mut dyn Storage,
        env: &Env,
        key: &str,
        events: impl IntoIterator<Item = NewEvent<K, D>>,
    ) -> StdResult<LogHead> {
        let held = match self.heads().may_load(store, key)? {
            Some(stored) => HeldHead {
                length: stored.0,
                hash: stored.hash()?,
            },
            None => self.genesis_held(env, key),
        };
        let head = self.write_events(store, env, key, held, events)?;
        if head.length > held.length {
            self.heads().save(
                store,
                key,
                &StoredHead(head.length, head.hash.to_vec().into()),
            )?;
        }
        Ok(head.answer())
    }

    /// The head of an empty log, for a caller that keeps the head itself.
    pub fn genesis_held(&self, env: &Env, key: &str) -> HeldHead {
        HeldHead {
            length: 0,
            hash: self.genesis_hash(&env.block.chain_id, &env.contract.address, key),
        }
    }

    /// Appends one event after `head`, a head the caller keeps in its own storage (inside an
    /// entry it rewrites anyway), and returns the new head for it to keep: one write, the
    /// event, stored exactly as `append` stores it; this log's head entry is not touched, so
    /// `head` and `query_head` do not see a log appended this way.
    pub fn append_held(
        &self,
        store: &mut dyn Storage,
        env: &Env,
        key: &str,
        head: HeldHead,
        event: NewEvent<K, D>,
    ) -> StdResult<HeldHead> {
        self.write_events(store, env, key, head, [event])
    }

    fn write_events(
        &self,
        store: &mut dyn Storage,
        env: &Env,
        key: &str,
        head: HeldHead,
        events: impl IntoIterator<Item = NewEvent<K, D>>,
    ) -> StdResult<HeldHead> {
        let HeldHead {
            mut length,
            mut hash,
        } = head;
        for NewEvent {
            actor,
            pubkey,
            kind,
            data,
        } in events
        {
            let event = Event {
                seq: length,
                height: env.block.height,
                time: env.block.time,
                contract: env.contract.address.clone(),
                actor,
                pubkey,
                kind,
                data,
            };
            hash = chain_hash(&hash, &to_json_vec(&event)?);
            let data = event.data.to_stored(&event.actor);
            let stored = StoredEvent(
                event.height,
                event.time,
                event.actor,
                event.pubkey,
                event.kind,
                data,
                Binary::from(hash.to_vec()),
            );
            self.events().save(store, (key, length), &stored)?;
            length += 1;
        }
        Ok(HeldHead { length, hash })
    }

    /// The event at `seq`, if there is one.
    pub fn entry(
        &self,
        store: &dyn Storage,
        env: &Env,
        key: &str,
        seq: u64,
    ) -> StdResult<Option<LogEntry<K, D>>> {
        let page = self.page(store, env, key, seq.checked_sub(1), 1)?;
        Ok(page.events.into_iter().find(|entry| entry.event.seq == seq))
    }

    /// Events with `seq > start_after`, at most `limit` of them, oldest first.
    pub fn page(
        &self,
        store: &dyn Storage,
        env: &Env,
        key: &str,
        start_after: Option<u64>,
        limit: usize,
    ) -> StdResult<LogEventsResponse<K, D>> {
        let events = self
            .events()
            .prefix(key)
            .range(
                store,
                start_after.map(Bound::exclusive),
                None,
                Order::Ascending,
            )
            .take(limit)
            .map(|item| {
                let (seq, StoredEvent(height, time, actor, pubkey, kind, data, hash)) = item?;
                let data = D::from_stored(data, &actor);
                Ok(LogEntry {
                    event: Event {
                        seq,
                        height,
                        time,
                        contract: env.contract.address.clone(),
                        actor,
                        pubkey,
                        kind,
                        data,
                    },
                    hash: hex::encode(hash.as_slice()),
                })
            })
            .collect::<StdResult<_>>()?;
        Ok(LogEventsResponse { events })
    }

    /// A peer's read of this log's head in `contract`: one raw query, no contract call.
    pub fn query_head(
        &self,
        querier: &QuerierWrapper,
        contract: &Addr,
        chain_id: &str,
        key: &str,
    ) -> StdResult<LogHead> {
        match self.heads().query(querier, contract.clone(), key)? {
            Some(stored) => stored.answer(),
            None => Ok(self.genesis(chain_id, contract, key)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::{from_hex, sha256};
    use cosmwasm_schema::cw_serde;
    use cosmwasm_std::testing::{mock_dependencies, mock_env};

    #[cw_serde]
    enum Kind {
        Noted,
    }

    #[cw_serde]
    struct Note {
        text: String,
    }

    crate::stored_as_is!(Note);

    const NOTES: Log<Kind, Note> = Log::new(LogName::Members);

    fn new(actor: &Addr, text: &str) -> NewEvent<Kind, Note> {
        NewEvent {
            actor: actor.clone(),
            pubkey: None,
            kind: Kind::Noted,
            data: Note { text: text.into() },
        }
    }

    #[test]
    fn empty_log_has_genesis_head() {
        let deps = mock_dependencies();
        let env = mock_env();
        let head = NOTES.head(&deps.storage, &env, "dao").unwrap();
        let text = format!(
            "berty-dao/members/v1\n{}\n{}\ndao",
            env.block.chain_id, env.contract.address
        );
        assert_eq!(head.length, 0);
        assert_eq!(head.head, to_hex(&sha256(text.as_bytes())));
        assert!(NOTES
            .page(&deps.storage, &env, "dao", None, 10)
            .unwrap()
            .events
            .is_empty());
    }

    #[test]
    fn append_chains_canonical_json_and_pages_by_seq() {
        let mut deps = mock_dependencies();
        let mut env = mock_env();
        let actor = deps.api.addr_make("actor");
        let genesis = NOTES.head(&deps.storage, &env, "k").unwrap();
        let mut heads = vec![genesis.clone()];
        for i in 0..5 {
            env.block.height += 1;
            let head = NOTES
                .append(&mut deps.storage, &env, "k", new(&actor, &format!("n{i}")))
                .unwrap();
            assert_eq!(head.length, i + 1);
            heads.push(head);
        }
        // another key is another chain
        NOTES
            .append(&mut deps.storage, &env, "other", new(&actor, "x"))
            .unwrap();

        let all = NOTES.page(&deps.storage, &env, "k", None, 100).unwrap();
        assert_eq!(all.events.len(), 5);
        let mut previous = from_hex(&genesis.head).unwrap();
        for (i, entry) in all.events.iter().enumerate() {
            assert_eq!(entry.event.seq, i as u64);
            assert_eq!(entry.event.contract, env.contract.address);
            let json = to_json_vec(&entry.event).unwrap();
            let text = String::from_utf8(json.clone()).unwrap();
            assert!(
                text.starts_with(&format!("{{\"seq\":{i},\"height\":")),
                "{text}"
            );
            assert!(text.contains("\"pubkey\":null,\"kind\":\"noted\",\"data\":{\"text\":"));
            let hash = chain_hash(&previous, &json);
            assert_eq!(entry.hash, to_hex(&hash));
            assert_eq!(entry.hash, heads[i + 1].head);
            previous = hash;
        }

        let page = NOTES.page(&deps.storage, &env, "k", Some(1), 2).unwrap();
        let seqs: Vec<u64> = page.events.iter().map(|e| e.event.seq).collect();
        assert_eq!(seqs, vec![2, 3]);
        let tail = NOTES.page(&deps.storage, &env, "k", Some(4), 10).unwrap();
        assert!(tail.events.is_empty());
        assert_eq!(NOTES.head(&deps.storage, &env, "k").unwrap(), heads[5]);
    }

    #[test]
    fn append_all_equals_appending_one_by_one() {
        let mut one_by_one = mock_dependencies();
        let mut batched = mock_dependencies();
        let env = mock_env();
        let actor = one_by_one.api.addr_make("actor");
        let events: Vec<_> = (0..4).map(|i| new(&actor, &format!("e{i}"))).collect();
        for event in events.clone() {
            NOTES
                .append(&mut one_by_one.storage, &env, "k", event)
                .unwrap();
        }
        let head = NOTES
            .append_all(&mut batched.storage, &env, "k", events)
            .unwrap();
        assert_eq!(head, NOTES.head(&one_by_one.storage, &env, "k").unwrap());
        assert_eq!(
            NOTES.page(&batched.storage, &env, "k", None, 10).unwrap(),
            NOTES
                .page(&one_by_one.storage, &env, "k", None, 10)
                .unwrap()
        );
        // nothing to append: the head stays unwritten (an empty log keeps no head entry)
        let empty = mock_dependencies();
        let mut store = empty.storage;
        let head = NOTES.append_all(&mut store, &env, "z", vec![]).unwrap();
        assert_eq!(head.length, 0);
        assert!(store.get(&NOTES.heads().key("z")).is_none());
    }

    #[test]
    fn a_held_head_appends_the_same_events_and_leaves_the_head_entry_alone() {
        let mut plain = mock_dependencies();
        let mut held = mock_dependencies();
        let mut env = mock_env();
        let actor = plain.api.addr_make("actor");
        let mut head = NOTES.genesis_held(&env, "k");
        assert_eq!(
            head.answer(),
            NOTES.head(&plain.storage, &env, "k").unwrap()
        );
        for i in 0..3 {
            env.block.height += 1;
            let event = new(&actor, &format!("e{i}"));
            let answer = NOTES
                .append(&mut plain.storage, &env, "k", event.clone())
                .unwrap();
            head = NOTES
                .append_held(&mut held.storage, &env, "k", head, event)
                .unwrap();
            assert_eq!(head.answer(), answer);
        }
        assert_eq!(
            NOTES.page(&held.storage, &env, "k", None, 10).unwrap(),
            NOTES.page(&plain.storage, &env, "k", None, 10).unwrap()
        );
        assert!(held.storage.get(&NOTES.heads().key("k")).is_none());
        let second = NOTES.entry(&held.storage, &env, "k", 1).unwrap().unwrap();
        assert_eq!(second.event.seq, 1);
        let first = NOTES.entry(&held.storage, &env, "k", 0).unwrap().unwrap();
        assert_eq!(first.event.seq, 0);
        assert_eq!(NOTES.entry(&held.storage, &env, "k", 3).unwrap(), None);
    }
}
