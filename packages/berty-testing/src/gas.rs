//! Gas measurement without a chain: storage metered with the Cosmos SDK's KV gas table,
//! and peers faked by a querier that answers raw reads from their storage layout and
//! counts every raw read and smart query (a smart query is a call into a contract
//! instance: about 60,000 gas on a chain).

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::marker::PhantomData;
use std::rc::Rc;

use berty_interface::membership;
use berty_interface::paginate::page_limit;
use berty_interface::Role;
use cosmwasm_std::testing::{MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, ContractResult, Order, OwnedDeps, Record, Storage,
    SystemError, SystemResult, WasmQuery,
};

/// cosmos-sdk `KVGasConfig`: flat and per-byte costs of reads, writes, deletes, iteration.
pub const READ_FLAT: u64 = 1000;
pub const READ_PER_BYTE: u64 = 3;
pub const WRITE_FLAT: u64 = 2000;
pub const WRITE_PER_BYTE: u64 = 30;
pub const DELETE: u64 = 1000;
pub const ITER_NEXT_FLAT: u64 = 30;

/// Storage that counts operations and SDK gas.
#[derive(Default)]
pub struct Metered {
    inner: MockStorage,
    pub gas: Cell<u64>,
    pub reads: Cell<u64>,
    pub writes: Cell<u64>,
}

impl Metered {
    fn charge(&self, gas: u64) {
        self.gas.set(self.gas.get() + gas);
    }

    pub fn reset(&self) {
        self.gas.set(0);
        self.reads.set(0);
        self.writes.set(0);
    }
}

impl Storage for Metered {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        let value = self.inner.get(key);
        self.reads.set(self.reads.get() + 1);
        let bytes = key.len() + value.as_ref().map_or(0, Vec::len);
        self.charge(READ_FLAT + READ_PER_BYTE * bytes as u64);
        value
    }

    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = Record> + 'a> {
        Box::new(self.inner.range(start, end, order).inspect(|(k, v)| {
            self.reads.set(self.reads.get() + 1);
            self.charge(ITER_NEXT_FLAT + READ_PER_BYTE * (k.len() + v.len()) as u64)
        }))
    }

    fn set(&mut self, key: &[u8], value: &[u8]) {
        self.writes.set(self.writes.get() + 1);
        self.charge(WRITE_FLAT + WRITE_PER_BYTE * (key.len() + value.len()) as u64);
        self.inner.set(key, value)
    }

    fn remove(&mut self, key: &[u8]) {
        self.writes.set(self.writes.get() + 1);
        self.charge(DELETE);
        self.inner.remove(key)
    }
}

/// Peers' storage as raw reads see it, `(contract, key) -> value`, and how often they
/// were asked. Smart queries are refused, but membership's `role_members` (what the audit
/// gate pages through), answered from `role_holders`: any other path that needs one shows
/// up as an error.
#[derive(Default)]
pub struct FakePeers {
    raw: HashMap<(String, Vec<u8>), Vec<u8>>,
    /// Addresses per role, in address order, as membership's role index holds them.
    pub role_holders: BTreeMap<Role, BTreeSet<String>>,
    pub raw_reads: u64,
    pub smart_queries: u64,
}

impl FakePeers {
    pub fn set(&mut self, contract: &str, key: &[u8], value: Vec<u8>) {
        self.raw.insert((contract.to_string(), key.to_vec()), value);
    }

    pub fn remove(&mut self, contract: &str, key: &[u8]) {
        self.raw.remove(&(contract.to_string(), key.to_vec()));
    }

    fn answer(&mut self, query: &WasmQuery) -> SystemResult<ContractResult<Binary>> {
        match query {
            WasmQuery::Raw { contract_addr, key } => {
                self.raw_reads += 1;
                let value = self
                    .raw
                    .get(&(contract_addr.clone(), key.to_vec()))
                    .cloned()
                    .unwrap_or_default();
                SystemResult::Ok(ContractResult::Ok(Binary::from(value)))
            }
            WasmQuery::Smart { msg, .. } => {
                self.smart_queries += 1;
                match from_json(msg) {
                    Ok(membership::QueryMsg::RoleMembers {
                        role,
                        start_after,
                        limit,
                    }) => {
                        let members: Vec<Addr> = self
                            .role_holders
                            .get(&role)
                            .into_iter()
                            .flatten()
                            .filter(|addr| start_after.as_ref().is_none_or(|s| *addr > s))
                            .take(page_limit(limit))
                            .map(Addr::unchecked)
                            .collect();
                        let answer = to_json_binary(&membership::RoleMembersResponse { members });
                        SystemResult::Ok(ContractResult::Ok(answer.unwrap_or_default()))
                    }
                    _ => SystemResult::Err(SystemError::UnsupportedRequest {
                        kind: "smart queries of fake peers".into(),
                    }),
                }
            }
            _ => SystemResult::Err(SystemError::UnsupportedRequest {
                kind: "queries of fake peers".into(),
            }),
        }
    }
}

pub type MeteredDeps = OwnedDeps<Metered, MockApi, MockQuerier>;

/// Metered storage and a querier answering from `peers` (shared, so a test can change
/// the peers' storage and read the counters between messages).
pub fn metered_deps() -> (MeteredDeps, Rc<RefCell<FakePeers>>) {
    let peers = Rc::new(RefCell::new(FakePeers::default()));
    let mut querier = MockQuerier::default();
    let answering = peers.clone();
    querier.update_wasm(move |query| answering.borrow_mut().answer(query));
    let deps = OwnedDeps {
        storage: Metered::default(),
        api: MockApi::default(),
        querier,
        custom_query_type: PhantomData,
    };
    (deps, peers)
}
