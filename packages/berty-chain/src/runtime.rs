//! Running contracts: loading an instance, calling an entry point, charging its gas, and
//! carrying out the messages of its response as wasmd's message dispatcher does.

use std::cell::{Cell, Ref, RefCell, RefMut};
use std::collections::BTreeSet;
use std::rc::Rc;

use cosmwasm_std::{
    Addr, BankMsg, Binary, BlockInfo, Coin, ContractInfo, ContractResult, CosmosMsg, Env, Event,
    MessageInfo, Reply, ReplyOn, Response, SubMsg, SubMsgResponse, SubMsgResult, TransactionInfo,
    WasmMsg,
};
use cosmwasm_vm::{
    call_execute_raw, call_instantiate_raw, call_query_raw, call_reply_raw, Backend, Cache,
    InstanceOptions, VmError,
};

use crate::address::{classic_contract_address, predictable_contract_address, ChainApi};
use crate::error::ChainError;
use crate::gas::{event_costs, setup_cost, GasUsed, EVENT_ATTRIBUTE_DATA_COST, GAS_MULTIPLIER};
use crate::keeper;
use crate::querier::ChainQuerier;
use crate::storage::ContractStorage;
use crate::world::{ContractRecord, World};

pub type VmCache = Cache<ChainApi, ContractStorage, ChainQuerier>;

/// What every running instance shares: the VM cache, the state, the block and the gas meter
/// of the current transaction.
pub struct Core {
    pub(crate) cache: VmCache,
    pub(crate) api: ChainApi,
    pub(crate) chain_id: String,
    world: RefCell<World>,
    pub(crate) block: RefCell<BlockInfo>,
    gas: Cell<GasUsed>,
    /// The codes loaded in the current transaction (wasmd `TxContracts`): loading one again
    /// costs the discounted setup.
    loaded: RefCell<BTreeSet<[u8; 32]>>,
    pub(crate) gas_limit: Cell<u64>,
    /// `BERTY_CHAIN_TRACE=1`: print every storage operation and its gas to stderr.
    pub(crate) trace: bool,
}

/// Which entry point to call.
pub enum Entry<'a> {
    Instantiate(&'a MessageInfo),
    Execute(&'a MessageInfo),
    Query,
    Reply,
}

/// What a message produced: its events (wasmd's `wasm`, `wasm-*`, `instantiate` events) and
/// its data.
#[derive(Default)]
pub struct Executed {
    pub events: Vec<Event>,
    pub data: Option<Binary>,
}

impl Core {
    pub fn new(cache: VmCache, api: ChainApi, chain_id: String, block: BlockInfo) -> Self {
        Core {
            cache,
            api,
            chain_id,
            world: RefCell::new(World::default()),
            block: RefCell::new(block),
            gas: Cell::new(GasUsed::default()),
            loaded: RefCell::new(BTreeSet::new()),
            gas_limit: Cell::new(u64::MAX / GAS_MULTIPLIER),
            trace: std::env::var_os("BERTY_CHAIN_TRACE").is_some_and(|v| v == "1"),
        }
    }

    pub fn world(&self) -> Ref<'_, World> {
        self.world.borrow()
    }

    pub fn world_mut(&self) -> RefMut<'_, World> {
        self.world.borrow_mut()
    }

    pub fn gas(&self) -> GasUsed {
        self.gas.get()
    }

    /// A fresh gas meter and a fresh `TxContracts`: a new transaction or query.
    pub fn reset_gas(&self) {
        self.gas.set(GasUsed::default());
        self.loaded.borrow_mut().clear();
    }

    fn add_gas(&self, f: impl FnOnce(&mut GasUsed)) {
        let mut gas = self.gas.get();
        f(&mut gas);
        self.gas.set(gas);
    }

    pub fn charge_storage(&self, gas: u64) {
        self.add_gas(|g| g.storage += gas);
    }

    pub fn charge_keeper(&self, gas: u64) {
        self.add_gas(|g| g.keeper += gas);
    }

    /// The length of `contract`'s `ContractInfo` on a node.
    fn contract_info_len(&self, contract: &Addr, record: &ContractRecord) -> usize {
        let creator = record.creator.as_str();
        keeper::contract_info_len(
            record.code_id,
            creator,
            record.admin.as_ref().map(Addr::as_str),
            &record.label,
            record.created_height,
            contract.as_str(),
        )
    }

    /// `contractInstance`: what wasmd reads before running `contract`.
    fn charge_contract_instance(&self, contract: &Addr, record: &ContractRecord) {
        let code_creator = self.world().codes[record.code_id as usize - 1]
            .creator
            .clone();
        self.charge_keeper(keeper::contract_instance(
            record.canonical.len(),
            self.contract_info_len(contract, record),
            keeper::code_info_len(code_creator.as_str()),
        ));
    }

    fn check_limit(&self) -> Result<u64, ChainError> {
        let limit = self.gas_limit.get();
        limit
            .checked_sub(self.gas().total())
            .filter(|left| *left > 0)
            .ok_or(ChainError::OutOfGas { limit })
    }

    fn env(&self, contract: &Addr) -> Env {
        Env {
            block: self.block.borrow().clone(),
            transaction: Some(TransactionInfo::new(0, Binary::default())),
            contract: ContractInfo {
                address: contract.clone(),
            },
        }
    }

    fn record(&self, contract: &Addr) -> Result<ContractRecord, ChainError> {
        self.world()
            .contract(contract)
            .cloned()
            .ok_or_else(|| ChainError::NoSuchContract {
                addr: contract.to_string(),
            })
    }

    /// Loads `contract` and calls one entry point; returns the raw result JSON.
    /// Charges what wasmd reads first (contract and code info, the pin flag), the setup
    /// cost (discounted for a reply, and for code already loaded in this transaction), the
    /// VM gas and the result bytes.
    pub fn call(
        self: &Rc<Self>,
        contract: &Addr,
        entry: Entry<'_>,
        msg: &[u8],
    ) -> Result<Vec<u8>, ChainError> {
        let record = self.record(contract)?;
        let checksum = self.world().codes[record.code_id as usize - 1].checksum;
        // wasmd: `execute`, `QuerySmart` and `reply` read the contract's records
        // (`instantiate` charges its own, see `instantiate`); all but `reply` check the pin
        // flag and ask `TxContracts` whether the code ran already in this transaction.
        let discount = match entry {
            Entry::Reply => {
                self.charge_contract_instance(contract, &record);
                true
            }
            Entry::Instantiate(_) => !self.loaded.borrow_mut().insert(*checksum.as_ref()),
            Entry::Execute(_) | Entry::Query => {
                self.charge_contract_instance(contract, &record);
                self.charge_keeper(keeper::PINNED_FLAG);
                !self.loaded.borrow_mut().insert(*checksum.as_ref())
            }
        };
        self.add_gas(|g| {
            g.setup += setup_cost(discount);
            g.instances += 1;
        });
        let left = self.check_limit()?;
        let backend = Backend {
            api: self.api.clone(),
            storage: ContractStorage::new(self.clone(), &record.canonical),
            querier: ChainQuerier::new(self.clone()),
        };
        let vm_err = |e: VmError| match e {
            VmError::GasDepletion { .. } => ChainError::OutOfGas {
                limit: self.gas_limit.get(),
            },
            e => ChainError::Vm {
                contract: contract.to_string(),
                error: e.to_string(),
            },
        };
        let options = InstanceOptions {
            gas_limit: left.saturating_mul(GAS_MULTIPLIER),
        };
        let mut instance = self
            .cache
            .get_instance(&checksum, backend, options)
            .map_err(vm_err)?;
        let env = cosmwasm_vm::to_vec(&self.env(contract)).map_err(vm_err)?;
        let result = match entry {
            Entry::Instantiate(info) => cosmwasm_vm::to_vec(info)
                .and_then(|info| call_instantiate_raw(&mut instance, &env, &info, msg)),
            Entry::Execute(info) => cosmwasm_vm::to_vec(info)
                .and_then(|info| call_execute_raw(&mut instance, &env, &info, msg)),
            Entry::Query => call_query_raw(&mut instance, &env, msg),
            Entry::Reply => call_reply_raw(&mut instance, &env, msg),
        };
        // Storage and nested calls were charged as they happened (reported to the VM as
        // external gas); the VM's own part is what is left.
        let report = instance.create_gas_report();
        self.add_gas(|g| g.vm += report.used_internally / GAS_MULTIPLIER);
        drop(instance);
        // The VM reports running dry as a runtime error; an empty tank says what it was.
        if result.is_err() && report.remaining == 0 {
            return Err(ChainError::OutOfGas {
                limit: self.gas_limit.get(),
            });
        }
        let data = result.map_err(vm_err)?;
        self.add_gas(|g| g.deserialization += data.len() as u64);
        self.check_limit()?;
        Ok(data)
    }

    /// Moves `funds` from `from` to `to`; zero or duplicate amounts are invalid, as the bank
    /// module says. Charges the bank module's gas (`keeper::send`).
    pub fn transfer(&self, from: &Addr, to: &Addr, funds: &[Coin]) -> Result<(), ChainError> {
        check_coins(funds)?;
        let canonical_len = |addr: &Addr| {
            self.api
                .canonicalize(addr.as_str())
                .map(|c| c.len())
                .unwrap_or(20)
        };
        let account_len = |addr: &Addr| {
            if self.world().contract(addr).is_some() {
                keeper::contract_account_len(addr.as_str().len())
            } else {
                keeper::USER_ACCOUNT_LEN
            }
        };
        let (from_len, to_len) = (canonical_len(from), canonical_len(to));
        let from_account = account_len(from);
        let mut world = self.world_mut();
        for coin in funds {
            let amount = cosmwasm_std::Uint128::try_from(coin.amount)
                .map_err(|_| ChainError::InvalidCoins {
                    reason: format!("{coin} does not fit 128 bits"),
                })?
                .u128();
            let available = world.balance(from, &coin.denom);
            if available < amount {
                return Err(ChainError::InsufficientFunds {
                    addr: from.to_string(),
                    denom: coin.denom.clone(),
                    available,
                    needed: amount,
                });
            }
            world.set_balance(from, &coin.denom, available - amount);
            let to_balance = world.balance(to, &coin.denom);
            world.set_balance(to, &coin.denom, to_balance + amount);
            let to_has_account = world.has_account(to);
            world.add_account(to);
            let gas = keeper::send(
                &keeper::BalanceChange {
                    canonical_len: from_len,
                    denom: &coin.denom,
                    before: available,
                    after: available - amount,
                },
                from_account,
                &keeper::BalanceChange {
                    canonical_len: to_len,
                    denom: &coin.denom,
                    before: to_balance,
                    after: to_balance + amount,
                },
                to_has_account,
                to.as_str().len(),
            );
            self.add_gas(|g| g.bank += gas);
        }
        Ok(())
    }

    pub fn execute_contract(
        self: &Rc<Self>,
        sender: &Addr,
        contract: &Addr,
        msg: &[u8],
        funds: &[Coin],
    ) -> Result<Executed, ChainError> {
        self.record(contract)?;
        self.transfer(sender, contract, funds)?;
        let info = MessageInfo {
            sender: sender.clone(),
            funds: funds.to_vec(),
        };
        if self.trace {
            eprintln!(
                "  [execute] {contract} by {sender}: {}",
                String::from_utf8_lossy(msg)
                    .chars()
                    .take(80)
                    .collect::<String>()
            );
        }
        let data = self.call(contract, Entry::Execute(&info), msg)?;
        let response = contract_response(contract, &data)?;
        let mut done = Executed {
            events: vec![Event::new("execute").add_attribute("_contract_address", contract)],
            data: None,
        };
        self.finish(contract, response, &mut done)?;
        Ok(done)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn instantiate(
        self: &Rc<Self>,
        creator: &Addr,
        code_id: u64,
        msg: &[u8],
        funds: &[Coin],
        label: &str,
        admin: Option<Addr>,
        salt: Option<&[u8]>,
    ) -> Result<(Addr, Executed), ChainError> {
        let checksum = self
            .world()
            .codes
            .get((code_id as usize).wrapping_sub(1))
            .map(|c| c.checksum)
            .ok_or(ChainError::NoSuchCode { code_id })?;
        let canonical = match salt {
            Some(salt) => {
                let creator = self
                    .api
                    .canonicalize(creator.as_str())
                    .map_err(|reason| ChainError::InvalidAddress { reason })?;
                predictable_contract_address(checksum.as_slice(), &creator, salt)
                    .map_err(|reason| ChainError::InvalidAddress { reason })?
            }
            None => {
                let seq = self.world_mut().next_instance_seq();
                classic_contract_address(code_id, seq)
            }
        };
        let addr = self.api.addr(&canonical);
        if self.world().contract(&addr).is_some() {
            return Err(ChainError::DuplicateContract {
                addr: addr.to_string(),
            });
        }
        let record = ContractRecord {
            code_id,
            canonical: canonical.clone(),
            creator: creator.clone(),
            admin,
            label: label.to_owned(),
            created_height: self.block.borrow().height,
        };
        // wasmd `instantiate`: its reads and its records (account, indexes, history with
        // the init message, contract info).
        let code_creator = self.world().codes[code_id as usize - 1].creator.clone();
        let creator_len = self
            .api
            .canonicalize(creator.as_str())
            .map(|c| c.len())
            .unwrap_or(20);
        self.charge_keeper(keeper::instantiate(&keeper::Instantiation {
            canonical_len: canonical.len(),
            creator_canonical_len: creator_len,
            code_info: keeper::code_info_len(code_creator.as_str()),
            contract_info: self.contract_info_len(&addr, &record),
            code_id,
            height: record.created_height,
            address_len: addr.as_str().len(),
            msg_len: msg.len(),
        }));
        self.world_mut().add_contract(addr.clone(), record);
        self.world_mut().add_account(&addr);
        self.transfer(creator, &addr, funds)?;
        let info = MessageInfo {
            sender: creator.clone(),
            funds: funds.to_vec(),
        };
        let data = self.call(&addr, Entry::Instantiate(&info), msg)?;
        let response = contract_response(&addr, &data)?;
        let mut done = Executed {
            events: vec![Event::new("instantiate")
                .add_attribute("_contract_address", &addr)
                .add_attribute("code_id", code_id.to_string())],
            data: None,
        };
        self.finish(&addr, response, &mut done)?;
        Ok((addr, done))
    }

    /// Charges a response's events, records them and runs its messages in order.
    fn finish(
        self: &Rc<Self>,
        contract: &Addr,
        response: Response,
        done: &mut Executed,
    ) -> Result<(), ChainError> {
        self.add_gas(|g| g.events += event_costs(&response.attributes, &response.events));
        if !response.attributes.is_empty() {
            done.events.push(
                Event::new("wasm")
                    .add_attribute("_contract_address", contract)
                    .add_attributes(response.attributes),
            );
        }
        for event in response.events {
            done.events.push(
                Event::new(format!("wasm-{}", event.ty))
                    .add_attribute("_contract_address", contract)
                    .add_attributes(event.attributes),
            );
        }
        if response.data.is_some() {
            done.data = response.data;
        }
        for sub in response.messages {
            self.submessage(contract, sub, done)?;
        }
        Ok(())
    }

    /// wasmd `DispatchSubmessages`: each message runs in its own cache context, discarded if
    /// it fails; the contract hears of the outcome if it asked to (`reply_on`), and a reply's
    /// data replaces the response's. A failure nobody catches fails the whole transaction.
    /// `gas_limit` on a sub-message is not enforced.
    fn submessage(
        self: &Rc<Self>,
        contract: &Addr,
        sub: SubMsg,
        done: &mut Executed,
    ) -> Result<(), ChainError> {
        let checkpoint = self.world().checkpoint();
        let before = self.gas().total();
        let result = self.dispatch(contract, &sub.msg);
        let gas_used = self.gas().total() - before;
        let result = match result {
            Ok(executed) => {
                let events = executed.events.clone();
                done.events.extend(executed.events);
                if !matches!(sub.reply_on, ReplyOn::Success | ReplyOn::Always) {
                    return Ok(());
                }
                #[allow(deprecated)]
                SubMsgResult::Ok(SubMsgResponse {
                    events,
                    data: executed.data,
                    msg_responses: vec![],
                })
            }
            Err(error) => {
                self.world_mut().rollback(checkpoint);
                if !matches!(sub.reply_on, ReplyOn::Error | ReplyOn::Always) {
                    return Err(error);
                }
                SubMsgResult::Err(error.to_string())
            }
        };
        self.add_gas(|g| g.events += reply_event_costs(&result));
        let reply = Reply {
            id: sub.id,
            payload: sub.payload,
            gas_used,
            result,
        };
        let msg = cosmwasm_vm::to_vec(&reply).map_err(|e| ChainError::Encode {
            reason: e.to_string(),
        })?;
        // wasmd `ReplyCosts(discount = true, ..)`: the contract just ran, its instance is warm.
        let data = self.call(contract, Entry::Reply, &msg)?;
        let response = contract_response(contract, &data)?;
        self.finish(contract, response, done)
    }

    /// Carries out one message sent by `sender` (a contract).
    fn dispatch(self: &Rc<Self>, sender: &Addr, msg: &CosmosMsg) -> Result<Executed, ChainError> {
        match msg {
            CosmosMsg::Bank(BankMsg::Send { to_address, amount }) => {
                let to = self.checked_addr(to_address)?;
                self.transfer(sender, &to, amount)?;
                Ok(Executed {
                    events: vec![Event::new("transfer")
                        .add_attribute("recipient", to_address)
                        .add_attribute("sender", sender)
                        .add_attribute("amount", coins_text(amount))],
                    data: None,
                })
            }
            CosmosMsg::Bank(BankMsg::Burn { amount }) => {
                check_coins(amount)?;
                let sink = self.api.addr(&[0; 20]);
                self.transfer(sender, &sink, amount)?;
                Ok(Executed::default())
            }
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr,
                msg,
                funds,
            }) => {
                let contract = self.checked_addr(contract_addr)?;
                self.execute_contract(sender, &contract, msg, funds)
            }
            CosmosMsg::Wasm(WasmMsg::Instantiate {
                admin,
                code_id,
                msg,
                funds,
                label,
            }) => {
                let admin = admin.as_deref().map(|a| self.checked_addr(a)).transpose()?;
                let (addr, executed) =
                    self.instantiate(sender, *code_id, msg, funds, label, admin, None)?;
                Ok(with_instantiate_data(addr, executed))
            }
            CosmosMsg::Wasm(WasmMsg::Instantiate2 {
                admin,
                code_id,
                label,
                msg,
                funds,
                salt,
            }) => {
                let admin = admin.as_deref().map(|a| self.checked_addr(a)).transpose()?;
                let (addr, executed) =
                    self.instantiate(sender, *code_id, msg, funds, label, admin, Some(salt))?;
                Ok(with_instantiate_data(addr, executed))
            }
            other => Err(ChainError::Unsupported {
                kind: format!("{other:?}").chars().take(60).collect(),
            }),
        }
    }

    pub fn checked_addr(&self, input: &str) -> Result<Addr, ChainError> {
        let canonical = self
            .api
            .canonicalize(input)
            .map_err(|reason| ChainError::InvalidAddress { reason })?;
        Ok(self.api.addr(&canonical))
    }
}

/// The data an instantiate message answers with: the new address (wasmd returns it as
/// `MsgInstantiateContractResponse`; here its bech32 text, unless the contract set data).
fn with_instantiate_data(addr: Addr, mut executed: Executed) -> Executed {
    if executed.data.is_none() {
        executed.data = Some(Binary::from(addr.as_bytes()));
    }
    executed
}

/// wasmd `ReplyCosts` beyond the setup: the types and attributes of the sub-message's events.
fn reply_event_costs(result: &SubMsgResult) -> u64 {
    match result {
        SubMsgResult::Ok(response) => {
            let types: u64 = response
                .events
                .iter()
                .map(|e| e.ty.len() as u64 * EVENT_ATTRIBUTE_DATA_COST)
                .sum();
            let attributes: Vec<_> = response
                .events
                .iter()
                .flat_map(|e| e.attributes.iter().cloned())
                .collect();
            types + event_costs(&attributes, &[])
        }
        SubMsgResult::Err(_) => 0,
    }
}

fn contract_response(contract: &Addr, data: &[u8]) -> Result<Response, ChainError> {
    let result: ContractResult<Response> =
        serde_json::from_slice(data).map_err(|e| ChainError::Vm {
            contract: contract.to_string(),
            error: format!("unreadable response: {e}"),
        })?;
    result.into_result().map_err(|error| ChainError::Contract {
        contract: contract.to_string(),
        error,
    })
}

fn check_coins(coins: &[Coin]) -> Result<(), ChainError> {
    for (i, coin) in coins.iter().enumerate() {
        if coin.amount.is_zero() {
            return Err(ChainError::InvalidCoins {
                reason: format!("zero amount of {}", coin.denom),
            });
        }
        if coins[..i].iter().any(|c| c.denom == coin.denom) {
            return Err(ChainError::InvalidCoins {
                reason: format!("{} listed twice", coin.denom),
            });
        }
    }
    Ok(())
}

fn coins_text(coins: &[Coin]) -> String {
    coins
        .iter()
        .map(Coin::to_string)
        .collect::<Vec<_>>()
        .join(",")
}
