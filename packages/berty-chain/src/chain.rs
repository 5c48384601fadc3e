//! The chain as its users see it: upload code, instantiate, execute, query, move blocks.

use std::rc::Rc;

use cosmwasm_std::{
    Addr, Binary, BlockInfo, Coin, ContractResult, CosmosMsg, Event, Timestamp, WasmMsg,
};
use cosmwasm_vm::{capabilities_from_csv, Cache, CacheOptions, Size};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::address::{predictable_contract_address, ChainApi};
use crate::error::ChainError;
use crate::gas::{GasUsed, COMPILE_COST_PER_BYTE};
use crate::keeper;
use crate::runtime::{Core, Entry, Executed};
use crate::world::{store_key, CodeRecord};

/// What a current wasmd chain offers (as in `packages/artifact-check`).
pub const CHAIN_CAPABILITIES: &str = "iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,\
    cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,cosmwasm_2_2";

/// Default gas limit of one transaction, in SDK gas.
pub const DEFAULT_TX_GAS_LIMIT: u64 = 100_000_000;

/// Seconds between blocks when `next_block` is called without a time.
pub const BLOCK_SECONDS: u64 = 5;

/// A committed transaction: its gas, its events and its data.
#[derive(Debug, Clone)]
pub struct TxOutcome {
    pub gas: GasUsed,
    pub events: Vec<Event>,
    pub data: Option<Binary>,
}

impl TxOutcome {
    /// The value of attribute `key` in the first event of type `ty` that has it.
    pub fn attribute(&self, ty: &str, key: &str) -> Option<&str> {
        self.events
            .iter()
            .filter(|e| e.ty == ty)
            .flat_map(|e| e.attributes.iter())
            .find(|a| a.key == key)
            .map(|a| a.value.as_str())
    }
}

/// An embedded chain. Every `execute`/`instantiate` is one transaction: all or nothing.
pub struct Chain {
    core: Rc<Core>,
    // Keeps a temporary VM cache alive as long as the chain.
    _cache_dir: Option<tempfile::TempDir>,
}

impl Chain {
    /// A chain with id `chain_id` at height 1, time 2026-01-01T00:00:00Z, with its own
    /// (temporary) VM cache.
    pub fn new(chain_id: &str) -> Self {
        let cache_dir = tempfile::tempdir().expect("a temporary directory for the VM cache");
        let path = cache_dir.path().to_owned();
        Self::build(chain_id, &path, Some(cache_dir))
    }

    /// The same with the VM's compiled modules kept in `cache_dir`, so that chains made one
    /// after another (the benchmark's) compile each artifact once.
    pub fn with_cache_dir(chain_id: &str, cache_dir: &std::path::Path) -> Self {
        Self::build(chain_id, cache_dir, None)
    }

    fn build(chain_id: &str, path: &std::path::Path, owned: Option<tempfile::TempDir>) -> Self {
        let options = CacheOptions::new(
            path,
            capabilities_from_csv(CHAIN_CAPABILITIES),
            Size::mebi(256),
            Size::mebi(32),
        );
        // SAFETY: the cache directory holds only what cosmwasm-vm itself wrote there.
        let cache = unsafe { Cache::new(options) }.expect("a VM cache");
        let block = BlockInfo {
            height: 1,
            time: Timestamp::from_seconds(1_767_225_600),
            chain_id: chain_id.to_owned(),
        };
        let core = Core::new(cache, ChainApi::default(), chain_id.to_owned(), block);
        core.gas_limit.set(DEFAULT_TX_GAS_LIMIT);
        Chain {
            core: Rc::new(core),
            _cache_dir: owned,
        }
    }

    pub fn chain_id(&self) -> &str {
        &self.core.chain_id
    }

    pub fn api(&self) -> &ChainApi {
        &self.core.api
    }

    pub fn block(&self) -> BlockInfo {
        self.core.block.borrow().clone()
    }

    /// Moves to the next block, `seconds` later.
    pub fn next_block_after(&mut self, seconds: u64) {
        let mut block = self.core.block.borrow_mut();
        block.height += 1;
        block.time = block.time.plus_seconds(seconds);
    }

    /// Moves to block `height` (later than the current one), `seconds` later: for a run
    /// that should see the heights a node would be at (the logs store them, so their
    /// digits cost storage gas).
    pub fn next_block_at(&mut self, height: u64, seconds: u64) {
        let mut block = self.core.block.borrow_mut();
        assert!(height > block.height, "blocks only move forward");
        block.height = height;
        block.time = block.time.plus_seconds(seconds);
    }

    pub fn next_block(&mut self) {
        self.next_block_after(BLOCK_SECONDS);
    }

    /// The gas limit of each following transaction, in SDK gas.
    pub fn set_gas_limit(&mut self, limit: u64) {
        self.core.gas_limit.set(limit);
    }

    /// Creates tokens (a genesis allocation).
    pub fn mint(&mut self, to: &Addr, coin: Coin) {
        let mut world = self.core.world_mut();
        let amount = cosmwasm_std::Uint128::try_from(coin.amount)
            .expect("a 128-bit amount")
            .u128();
        let balance = world.balance(to, &coin.denom);
        world.set_balance(to, &coin.denom, balance + amount);
        world.add_account(to);
        world.commit();
    }

    pub fn balance(&self, addr: &Addr, denom: &str) -> u128 {
        self.core.world().balance(addr, denom)
    }

    /// Uploads wasm as `MsgStoreCode` does: the VM checks it against the chain's
    /// capabilities and compiles it. Returns the code id and the gas of the message (what
    /// wasmd charges for the upload: decompressing the gzip the CLI sends, compiling, its
    /// records; the transaction's bytes are the ante handler's).
    pub fn store_code(&mut self, creator: &Addr, wasm: &[u8]) -> Result<(u64, u64), ChainError> {
        let checksum =
            self.core
                .cache
                .store_code(wasm, true, true)
                .map_err(|e| ChainError::InvalidCode {
                    reason: e.to_string(),
                })?;
        let mut world = self.core.world_mut();
        world.codes.push(CodeRecord {
            checksum,
            creator: creator.clone(),
        });
        let code_id = world.codes.len() as u64;
        let gas = keeper::uncompress(keeper::gzipped_len(wasm))
            + COMPILE_COST_PER_BYTE * wasm.len() as u64
            + keeper::store_code(code_id, keeper::code_info_len(creator.as_str()));
        Ok((code_id, gas))
    }

    pub fn checksum(&self, code_id: u64) -> Result<Binary, ChainError> {
        self.core
            .world()
            .codes
            .get((code_id as usize).wrapping_sub(1))
            .map(|c| Binary::from(c.checksum.as_slice()))
            .ok_or(ChainError::NoSuchCode { code_id })
    }

    /// The address `instantiate2` will give a contract of `code_id` created by `creator`
    /// with `salt`.
    pub fn predict_address(
        &self,
        code_id: u64,
        creator: &Addr,
        salt: &[u8],
    ) -> Result<Addr, ChainError> {
        let checksum = self.checksum(code_id)?;
        let creator = self
            .core
            .api
            .canonicalize(creator.as_str())
            .map_err(|reason| ChainError::InvalidAddress { reason })?;
        let canonical = predictable_contract_address(&checksum, &creator, salt)
            .map_err(|reason| ChainError::InvalidAddress { reason })?;
        Ok(self.core.api.addr(&canonical))
    }

    /// One transaction of any messages, sent by `sender`: all of them or none.
    pub fn execute_tx(
        &mut self,
        sender: &Addr,
        msgs: Vec<CosmosMsg>,
    ) -> Result<TxOutcome, ChainError> {
        self.transaction(|core| {
            let mut all = Executed::default();
            for msg in &msgs {
                let done = match msg {
                    CosmosMsg::Wasm(WasmMsg::Execute {
                        contract_addr,
                        msg,
                        funds,
                    }) => {
                        let contract = core.checked_addr(contract_addr)?;
                        core.execute_contract(sender, &contract, msg, funds)?
                    }
                    other => {
                        return Err(ChainError::Unsupported {
                            kind: format!("{other:?}").chars().take(60).collect(),
                        })
                    }
                };
                all.events.extend(done.events);
                all.data = done.data;
            }
            Ok(all)
        })
    }

    /// Executes `msg` on `contract` as `sender`, with `funds`, in one transaction.
    pub fn execute<M: Serialize>(
        &mut self,
        sender: &Addr,
        contract: &Addr,
        msg: &M,
        funds: &[Coin],
    ) -> Result<TxOutcome, ChainError> {
        let msg = encode(msg)?;
        self.transaction(|core| core.execute_contract(sender, contract, &msg, funds))
    }

    /// Executes the JSON text `msg` (sent as is, even malformed) on `contract` as `sender`.
    pub fn execute_raw(
        &mut self,
        sender: &Addr,
        contract: &Addr,
        msg: &[u8],
        funds: &[Coin],
    ) -> Result<TxOutcome, ChainError> {
        self.transaction(|core| core.execute_contract(sender, contract, msg, funds))
    }

    /// Instantiates `code_id` at a classic (sequence-based) address.
    pub fn instantiate<M: Serialize>(
        &mut self,
        sender: &Addr,
        code_id: u64,
        msg: &M,
        funds: &[Coin],
        label: &str,
        admin: Option<&Addr>,
    ) -> Result<(Addr, TxOutcome), ChainError> {
        self.instantiate_at(sender, code_id, msg, funds, label, admin, None)
    }

    /// Instantiates `code_id` at the predictable address of `salt` (`MsgInstantiateContract2`).
    #[allow(clippy::too_many_arguments)]
    pub fn instantiate2<M: Serialize>(
        &mut self,
        sender: &Addr,
        code_id: u64,
        msg: &M,
        funds: &[Coin],
        label: &str,
        admin: Option<&Addr>,
        salt: &[u8],
    ) -> Result<(Addr, TxOutcome), ChainError> {
        self.instantiate_at(sender, code_id, msg, funds, label, admin, Some(salt))
    }

    #[allow(clippy::too_many_arguments)]
    fn instantiate_at<M: Serialize>(
        &mut self,
        sender: &Addr,
        code_id: u64,
        msg: &M,
        funds: &[Coin],
        label: &str,
        admin: Option<&Addr>,
        salt: Option<&[u8]>,
    ) -> Result<(Addr, TxOutcome), ChainError> {
        let msg = encode(msg)?;
        let mut created = None;
        let outcome = self.transaction(|core| {
            let (addr, done) =
                core.instantiate(sender, code_id, &msg, funds, label, admin.cloned(), salt)?;
            created = Some(addr);
            Ok(done)
        })?;
        Ok((created.expect("set on success"), outcome))
    }

    /// A smart query, decoded.
    pub fn query<M: Serialize, T: DeserializeOwned>(
        &self,
        contract: &Addr,
        msg: &M,
    ) -> Result<T, ChainError> {
        let (answer, _) = self.query_with_gas(contract, msg)?;
        serde_json::from_slice(&answer).map_err(|e| ChainError::Contract {
            contract: contract.to_string(),
            error: format!("unexpected answer: {e}"),
        })
    }

    /// A smart query's answer and what it would cost inside a transaction.
    pub fn query_with_gas<M: Serialize>(
        &self,
        contract: &Addr,
        msg: &M,
    ) -> Result<(Binary, GasUsed), ChainError> {
        let msg = encode(msg)?;
        self.core.reset_gas();
        let data = self.core.call(contract, Entry::Query, &msg)?;
        let gas = self.core.gas();
        let result: ContractResult<Binary> =
            serde_json::from_slice(&data).map_err(|e| ChainError::Vm {
                contract: contract.to_string(),
                error: format!("unreadable answer: {e}"),
            })?;
        let answer = result.into_result().map_err(|error| ChainError::Contract {
            contract: contract.to_string(),
            error,
        })?;
        Ok((answer, gas))
    }

    /// A raw read of `contract`'s storage (`None` when the key is absent).
    pub fn query_raw(&self, contract: &Addr, key: &[u8]) -> Option<Vec<u8>> {
        let canonical = self.core.world().contract(contract)?.canonical.clone();
        self.core.world().get(&store_key(&canonical, key)).cloned()
    }

    /// Runs `f` as one transaction: a fresh gas meter, and every change undone on failure.
    fn transaction(
        &mut self,
        f: impl FnOnce(&Rc<Core>) -> Result<Executed, ChainError>,
    ) -> Result<TxOutcome, ChainError> {
        let core = &self.core;
        core.reset_gas();
        let checkpoint = core.world().checkpoint();
        match f(core) {
            Ok(done) => {
                core.world_mut().commit();
                Ok(TxOutcome {
                    gas: core.gas(),
                    events: done.events,
                    data: done.data,
                })
            }
            Err(error) => {
                core.world_mut().rollback(checkpoint);
                core.world_mut().commit();
                Err(error)
            }
        }
    }

    /// The gas of the last transaction or query, also when it failed.
    pub fn last_gas(&self) -> GasUsed {
        self.core.gas()
    }
}

fn encode<M: Serialize>(msg: &M) -> Result<Vec<u8>, ChainError> {
    serde_json::to_vec(msg).map_err(|e| ChainError::Encode {
        reason: e.to_string(),
    })
}
