//! On-chain storage of a hash-chained log: one chain per key (a release id, a proposal
//! id, `dao`), appended in O(1) (one head read, two writes), read in bounded pages.
//! Peers read a head with one raw query (`Log::query_head`).

use std::marker::PhantomData;

use cosmwasm_std::{
    to_json_vec, Addr, Binary, Env, Order, QuerierWrapper, StdError, StdResult, Storage, Timestamp,
};
use cw_storage_plus::{Bound, Map};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::event::{Event, LogEntry, LogEventsResponse, LogHead};
use crate::hash::{chain_hash, from_hex, genesis_hash, to_hex};

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

/// What is stored per event: the event less what the key and the contract already say
/// (`seq`, `contract`), plus the hash it produced.
#[derive(Serialize, Deserialize)]
struct StoredEvent<K, D> {
    height: u64,
    time: Timestamp,
    actor: Addr,
    pubkey: Option<Binary>,
    kind: K,
    data: D,
    hash: String,
}

/// A typed log: `K` the kinds of its events, `D` their data.
pub struct Log<K, D> {
    name: LogName,
    _types: PhantomData<fn() -> (K, D)>,
}

impl<K, D> Log<K, D>
where
    K: Serialize + DeserializeOwned + Clone,
    D: Serialize + DeserializeOwned + Clone,
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

    fn events<'k>(&self) -> Map<(&'k str, u64), StoredEvent<K, D>> {
        Map::new(self.name.events_namespace())
    }

    fn heads<'k>(&self) -> Map<&'k str, LogHead> {
        Map::new(self.name.heads_namespace())
    }

    /// The head of an empty log: length 0 and `hash_0`.
    pub fn genesis(&self, chain_id: &str, contract: &Addr, key: &str) -> LogHead {
        LogHead {
            length: 0,
            head: to_hex(&genesis_hash(
                self.name.as_str(),
                chain_id,
                contract.as_str(),
                key,
            )),
        }
    }

    pub fn head(&self, store: &dyn Storage, env: &Env, key: &str) -> StdResult<LogHead> {
        Ok(self
            .heads()
            .may_load(store, key)?
            .unwrap_or_else(|| self.genesis(&env.block.chain_id, &env.contract.address, key)))
    }

    /// Appends an event at the current block and returns the new head.
    #[allow(clippy::too_many_arguments)]
    pub fn append(
        &self,
        store: &mut dyn Storage,
        env: &Env,
        key: &str,
        actor: &Addr,
        pubkey: Option<Binary>,
        kind: K,
        data: D,
    ) -> StdResult<LogHead> {
        let previous = self.head(store, env, key)?;
        let previous_hash = from_hex(&previous.head)
            .ok_or_else(|| StdError::msg(format!("corrupt {} log head", self.name.as_str())))?;
        let event = Event {
            seq: previous.length,
            height: env.block.height,
            time: env.block.time,
            contract: env.contract.address.clone(),
            actor: actor.clone(),
            pubkey,
            kind,
            data,
        };
        let hash = to_hex(&chain_hash(&previous_hash, &to_json_vec(&event)?));
        let stored = StoredEvent {
            height: event.height,
            time: event.time,
            actor: event.actor,
            pubkey: event.pubkey,
            kind: event.kind,
            data: event.data,
            hash: hash.clone(),
        };
        self.events().save(store, (key, event.seq), &stored)?;
        let head = LogHead {
            length: event.seq + 1,
            head: hash,
        };
        self.heads().save(store, key, &head)?;
        Ok(head)
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
                let (seq, stored) = item?;
                Ok(LogEntry {
                    event: Event {
                        seq,
                        height: stored.height,
                        time: stored.time,
                        contract: env.contract.address.clone(),
                        actor: stored.actor,
                        pubkey: stored.pubkey,
                        kind: stored.kind,
                        data: stored.data,
                    },
                    hash: stored.hash,
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
        Ok(self
            .heads()
            .query(querier, contract.clone(), key)?
            .unwrap_or_else(|| self.genesis(chain_id, contract, key)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::sha256;
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

    const NOTES: Log<Kind, Note> = Log::new(LogName::Members);

    fn note(text: &str) -> Note {
        Note { text: text.into() }
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
                .append(
                    &mut deps.storage,
                    &env,
                    "k",
                    &actor,
                    None,
                    Kind::Noted,
                    note(&format!("n{i}")),
                )
                .unwrap();
            assert_eq!(head.length, i + 1);
            heads.push(head);
        }
        // another key is another chain
        NOTES
            .append(
                &mut deps.storage,
                &env,
                "other",
                &actor,
                None,
                Kind::Noted,
                note("x"),
            )
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
}
