//! Queries a contract sends to the chain (wasmd's query plugins): smart and raw queries of
//! other contracts, contract and code info, bank balances.

use std::rc::Rc;

use cosmwasm_std::{
    to_json_binary, BalanceResponse, BankQuery, Binary, CodeInfoResponse, Coin,
    ContractInfoResponse, ContractResult, Empty, QueryRequest, StdResult, SystemError,
    SystemResult, WasmQuery,
};
use cosmwasm_vm::{BackendError, BackendResult, GasInfo, Querier};

use crate::error::ChainError;
use crate::gas::{kv, GAS_MULTIPLIER};
use crate::runtime::{Core, Entry};
use crate::world::store_key;

pub struct ChainQuerier {
    core: Rc<Core>,
}

type QueryAnswer = SystemResult<ContractResult<Binary>>;

impl ChainQuerier {
    pub fn new(core: Rc<Core>) -> Self {
        ChainQuerier { core }
    }

    fn answer(&self, request: &[u8]) -> Result<QueryAnswer, ChainError> {
        let request: QueryRequest<Empty> = match serde_json::from_slice(request) {
            Ok(request) => request,
            Err(e) => {
                return Ok(SystemResult::Err(SystemError::InvalidRequest {
                    error: e.to_string(),
                    request: Binary::from(request),
                }))
            }
        };
        let no_contract = |addr: &str| {
            Ok(SystemResult::Err(SystemError::NoSuchContract {
                addr: addr.to_owned(),
            }))
        };
        match request {
            QueryRequest::Wasm(WasmQuery::Smart { contract_addr, msg }) => {
                let Some(contract) = self.contract(&contract_addr) else {
                    return no_contract(&contract_addr);
                };
                // wasmd `QuerySmart`: a full instance load, then the VM gas of the query.
                if self.core.trace {
                    eprintln!(
                        "  [query]   smart  {contract_addr} {}",
                        String::from_utf8_lossy(&msg)
                    );
                }
                let data = self.core.call(&contract, Entry::Query, &msg)?;
                match serde_json::from_slice::<ContractResult<Binary>>(&data) {
                    Ok(result) => Ok(SystemResult::Ok(result)),
                    Err(e) => Ok(SystemResult::Err(SystemError::InvalidResponse {
                        error: e.to_string(),
                        response: Binary::from(data),
                    })),
                }
            }
            QueryRequest::Wasm(WasmQuery::Raw { contract_addr, key }) => {
                // wasmd `QueryRaw`: one store read under the contract's prefix; an unknown
                // contract or key reads as empty.
                let canonical = self
                    .core
                    .api
                    .canonicalize(&contract_addr)
                    .map_err(|reason| ChainError::InvalidAddress { reason })?;
                let full = store_key(&canonical, &key);
                let value = self.core.world().get(&full).cloned().unwrap_or_default();
                let gas = kv::read(full.len(), value.len());
                if self.core.trace {
                    eprintln!(
                        "  [query]   raw    {gas:>6} gas  {contract_addr} key {} value {} bytes",
                        hex::encode(&key),
                        value.len()
                    );
                }
                self.core.charge_storage(gas);
                Ok(SystemResult::Ok(ContractResult::Ok(Binary::from(value))))
            }
            QueryRequest::Wasm(WasmQuery::ContractInfo { contract_addr }) => {
                let Some(contract) = self.contract(&contract_addr) else {
                    return no_contract(&contract_addr);
                };
                let record = self
                    .core
                    .world()
                    .contract(&contract)
                    .cloned()
                    .expect("found");
                let info = ContractInfoResponse::new(
                    record.code_id,
                    record.creator,
                    record.admin,
                    false,
                    None,
                    None,
                );
                Ok(ok(to_json_binary(&info)))
            }
            QueryRequest::Wasm(WasmQuery::CodeInfo { code_id }) => {
                let code = self
                    .core
                    .world()
                    .codes
                    .get((code_id as usize).wrapping_sub(1))
                    .cloned();
                match code {
                    Some(code) => Ok(ok(to_json_binary(&CodeInfoResponse::new(
                        code_id,
                        code.creator,
                        code.checksum,
                    )))),
                    None => Ok(SystemResult::Err(SystemError::NoSuchCode { code_id })),
                }
            }
            QueryRequest::Bank(BankQuery::Balance { address, denom }) => {
                let addr = self.core.checked_addr(&address)?;
                let amount = self.core.world().balance(&addr, &denom);
                let response = BalanceResponse::new(Coin::new(amount, denom));
                Ok(ok(to_json_binary(&response)))
            }
            other => Ok(SystemResult::Err(SystemError::UnsupportedRequest {
                kind: format!("{other:?}").chars().take(40).collect(),
            })),
        }
    }

    fn contract(&self, addr: &str) -> Option<cosmwasm_std::Addr> {
        let addr = self.core.checked_addr(addr).ok()?;
        self.core.world().contract(&addr).map(|_| addr)
    }
}

fn ok(binary: StdResult<Binary>) -> QueryAnswer {
    match binary {
        Ok(b) => SystemResult::Ok(ContractResult::Ok(b)),
        Err(e) => SystemResult::Ok(ContractResult::Err(e.to_string())),
    }
}

impl Querier for ChainQuerier {
    fn query_raw(&self, request: &[u8], _gas_limit: u64) -> BackendResult<QueryAnswer> {
        let before = self.core.gas().total();
        let result = self.answer(request);
        // What the query cost was charged to the transaction; the VM hears of it as
        // external gas, as wasmvm reports the Go querier's gas.
        let used = self.core.gas().total() - before;
        let gas = GasInfo::with_externally_used(used * GAS_MULTIPLIER);
        match result {
            Ok(answer) => (Ok(answer), gas),
            Err(ChainError::OutOfGas { .. }) => (Err(BackendError::out_of_gas()), gas),
            Err(ChainError::InvalidAddress { reason }) => (
                Ok(SystemResult::Err(SystemError::InvalidRequest {
                    error: reason,
                    request: Binary::from(request),
                })),
                gas,
            ),
            Err(e) => (Err(BackendError::user_err(e.to_string())), gas),
        }
    }
}
