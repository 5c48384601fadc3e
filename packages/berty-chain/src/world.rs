//! The chain's state: contract storage under wasmd's keys, balances, contracts and codes,
//! with an undo journal so that a failed message or transaction leaves no trace.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use cosmwasm_std::{Addr, Checksum, Order};

/// wasmd `x/wasm/types/keys.go` `ContractStorePrefix`: a contract's storage lives under
/// `0x03 ‖ contract address (canonical)`, and the SDK charges gas on that full key.
pub const CONTRACT_STORE_PREFIX: u8 = 0x03;

/// The full store key of a contract's `key`.
pub fn store_key(contract: &[u8], key: &[u8]) -> Vec<u8> {
    let mut full = Vec::with_capacity(1 + contract.len() + key.len());
    full.push(CONTRACT_STORE_PREFIX);
    full.extend_from_slice(contract);
    full.extend_from_slice(key);
    full
}

#[derive(Clone, Debug)]
pub struct CodeRecord {
    pub checksum: Checksum,
    pub creator: Addr,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractRecord {
    pub code_id: u64,
    pub canonical: Vec<u8>,
    pub creator: Addr,
    pub admin: Option<Addr>,
    pub label: String,
    /// The block height of its instantiation (in its `ContractInfo` on a node).
    pub created_height: u64,
}

/// How to undo one change.
#[derive(Debug)]
enum Undo {
    Kv(Vec<u8>, Option<Vec<u8>>),
    Balance((Addr, String), Option<u128>),
    Contract(Addr, Option<ContractRecord>),
    InstanceSeq(u64),
    Account(Addr),
}

/// A point to roll back to.
#[derive(Clone, Copy, Debug)]
pub struct Checkpoint(usize);

#[derive(Default)]
pub struct World {
    kv: BTreeMap<Vec<u8>, Vec<u8>>,
    balances: BTreeMap<(Addr, String), u128>,
    contracts: BTreeMap<Addr, ContractRecord>,
    /// Addresses with an account in the auth module: funded at genesis, instantiated
    /// contracts, recipients of funds.
    accounts: BTreeSet<Addr>,
    pub(crate) codes: Vec<CodeRecord>,
    instance_seq: u64,
    journal: Vec<Undo>,
}

impl World {
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint(self.journal.len())
    }

    /// Undoes every change made since `checkpoint`, newest first.
    pub fn rollback(&mut self, checkpoint: Checkpoint) {
        while self.journal.len() > checkpoint.0 {
            match self.journal.pop().expect("length checked") {
                Undo::Kv(key, old) => restore(&mut self.kv, key, old),
                Undo::Balance(key, old) => restore(&mut self.balances, key, old),
                Undo::Contract(addr, old) => restore(&mut self.contracts, addr, old),
                Undo::InstanceSeq(old) => self.instance_seq = old,
                Undo::Account(addr) => {
                    self.accounts.remove(&addr);
                }
            }
        }
    }

    /// Forgets the journal: what happened is final.
    pub fn commit(&mut self) {
        self.journal.clear();
    }

    pub fn get(&self, key: &[u8]) -> Option<&Vec<u8>> {
        self.kv.get(key)
    }

    pub fn set(&mut self, key: Vec<u8>, value: Vec<u8>) {
        let old = self.kv.insert(key.clone(), value);
        self.journal.push(Undo::Kv(key, old));
    }

    pub fn remove(&mut self, key: &[u8]) {
        if let Some(old) = self.kv.remove(key) {
            self.journal.push(Undo::Kv(key.to_vec(), Some(old)));
        }
    }

    /// Entries with full keys in `[start, end)`, in `order`.
    pub fn range(&self, start: Vec<u8>, end: Vec<u8>, order: Order) -> Vec<(Vec<u8>, Vec<u8>)> {
        if start >= end {
            return Vec::new();
        }
        let range = self
            .kv
            .range((Bound::Included(start), Bound::Excluded(end)))
            .map(|(k, v)| (k.clone(), v.clone()));
        match order {
            Order::Ascending => range.collect(),
            Order::Descending => range.rev().collect(),
        }
    }

    pub fn balance(&self, addr: &Addr, denom: &str) -> u128 {
        self.balances
            .get(&(addr.clone(), denom.to_owned()))
            .copied()
            .unwrap_or(0)
    }

    pub fn set_balance(&mut self, addr: &Addr, denom: &str, amount: u128) {
        let key = (addr.clone(), denom.to_owned());
        let old = if amount == 0 {
            self.balances.remove(&key)
        } else {
            self.balances.insert(key.clone(), amount)
        };
        self.journal.push(Undo::Balance(key, old));
    }

    pub fn contract(&self, addr: &Addr) -> Option<&ContractRecord> {
        self.contracts.get(addr)
    }

    pub fn add_contract(&mut self, addr: Addr, record: ContractRecord) {
        let old = self.contracts.insert(addr.clone(), record);
        self.journal.push(Undo::Contract(addr, old));
    }

    pub fn has_account(&self, addr: &Addr) -> bool {
        self.accounts.contains(addr)
    }

    pub fn add_account(&mut self, addr: &Addr) {
        if self.accounts.insert(addr.clone()) {
            self.journal.push(Undo::Account(addr.clone()));
        }
    }

    /// The next instance number for a classic contract address.
    pub fn next_instance_seq(&mut self) -> u64 {
        self.journal.push(Undo::InstanceSeq(self.instance_seq));
        self.instance_seq += 1;
        self.instance_seq
    }
}

fn restore<K: Ord, V>(map: &mut BTreeMap<K, V>, key: K, old: Option<V>) {
    match old {
        Some(value) => map.insert(key, value),
        None => map.remove(&key),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rollback_restores_every_kind_of_change_to_the_checkpoint() {
        let mut world = World::default();
        let alice = Addr::unchecked("alice");
        world.set(b"kept".to_vec(), b"1".to_vec());
        world.set_balance(&alice, "ubty", 10);
        world.commit();

        let checkpoint = world.checkpoint();
        world.set(b"kept".to_vec(), b"2".to_vec());
        world.set(b"new".to_vec(), b"3".to_vec());
        world.remove(b"kept");
        world.set_balance(&alice, "ubty", 0);
        world.add_contract(
            Addr::unchecked("c"),
            ContractRecord {
                code_id: 1,
                canonical: vec![1],
                creator: alice.clone(),
                admin: None,
                label: "c".into(),
                created_height: 1,
            },
        );
        world.add_account(&alice);
        assert_eq!(world.next_instance_seq(), 1);
        world.rollback(checkpoint);

        assert_eq!(world.get(b"kept"), Some(&b"1".to_vec()));
        assert_eq!(world.get(b"new"), None);
        assert_eq!(world.balance(&alice, "ubty"), 10);
        assert!(world.contract(&Addr::unchecked("c")).is_none());
        assert_eq!(world.next_instance_seq(), 1);
    }

    #[test]
    fn range_is_half_open_and_ordered() {
        let mut world = World::default();
        for k in [b"a", b"b", b"c"] {
            world.set(k.to_vec(), k.to_vec());
        }
        let keys = |order| -> Vec<Vec<u8>> {
            world
                .range(b"a".to_vec(), b"c".to_vec(), order)
                .into_iter()
                .map(|(k, _)| k)
                .collect()
        };
        assert_eq!(keys(Order::Ascending), vec![b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(keys(Order::Descending), vec![b"b".to_vec(), b"a".to_vec()]);
        assert!(world
            .range(b"c".to_vec(), b"a".to_vec(), Order::Ascending)
            .is_empty());
    }
}
