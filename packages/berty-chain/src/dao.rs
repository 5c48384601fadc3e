//! The Berty DAO on the embedded chain: the four artifacts deployed from a deployment plan
//! (`berty-deploy`, the plan `scripts/deploy.sh` follows), members with secp256k1 keys, and
//! the export of a release's trail bundle. Shared by the demo and the benchmark.

use std::fs;
use std::path::{Path, PathBuf};

use berty_deploy::{plan, Config, Plan, PlanError, PlannedContract, CONTRACTS};
use berty_testing::TestKey;
use berty_trail_verifier::Bundle;
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, ContractResult, Empty, QuerierResult, QuerierWrapper,
    QueryRequest, SystemError, SystemResult, WasmQuery,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use thiserror::Error;

use crate::{Chain, ChainError, GasUsed, TxOutcome};

#[derive(Debug, Error)]
pub enum DaoError {
    #[error(transparent)]
    Chain(#[from] ChainError),
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error("{path}: {reason}")]
    File { path: String, reason: String },
    #[error("{contract}: instantiate2 gave {actual}, the plan says {planned}")]
    AddressMismatch {
        contract: String,
        planned: String,
        actual: String,
    },
    #[error("exporting the bundle: {0}")]
    Export(String),
}

fn file_error(path: &Path, reason: impl ToString) -> DaoError {
    DaoError::File {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// A built artifacts directory: `<name>.wasm` files and `checksums.txt`.
pub struct Artifacts {
    pub dir: PathBuf,
    pub checksums: String,
}

impl Artifacts {
    pub fn open(dir: &Path) -> Result<Self, DaoError> {
        let path = dir.join("checksums.txt");
        let checksums = fs::read_to_string(&path).map_err(|e| file_error(&path, e))?;
        Ok(Artifacts {
            dir: dir.to_owned(),
            checksums,
        })
    }

    pub fn wasm(&self, name: &str) -> Result<Vec<u8>, DaoError> {
        let path = self.dir.join(format!("{name}.wasm"));
        fs::read(&path).map_err(|e| file_error(&path, e))
    }
}

/// Reads a deployment config (`deploy/config.json`).
pub fn read_config(path: &Path) -> Result<Config, DaoError> {
    let text = fs::read_to_string(path).map_err(|e| file_error(path, e))?;
    serde_json::from_str(&text).map_err(|e| file_error(path, e))
}

/// Someone with a secp256k1 key, as the demo's seeds derive them (`berty-demo/<name>`).
pub struct Actor {
    pub name: String,
    pub key: TestKey,
    pub addr: Addr,
}

impl Actor {
    pub fn from_seed(chain: &Chain, seed: &str, name: &str) -> Self {
        let key = TestKey::from_seed(seed);
        let addr = chain
            .api()
            .addr(&berty_hashlog::pubkey_address_bytes(&key.pubkey()));
        Actor {
            name: name.to_owned(),
            key,
            addr,
        }
    }

    pub fn pubkey(&self) -> Binary {
        self.key.pubkey()
    }
}

/// One of the four contracts (the deployment plan's).
pub use berty_deploy::Contract;

/// The deployed DAO.
pub struct Dao {
    pub chain: Chain,
    pub plan: Plan,
    pub membership: Addr,
    pub audit_registry: Addr,
    pub council_vote: Addr,
    pub release: Addr,
    /// Per contract: code upload gas (compile cost) and instantiate gas.
    pub deploy_gas: Vec<(String, u64, GasUsed)>,
}

impl Dao {
    /// Stores the four artifacts, computes the plan for `deployer` from `config` and the
    /// artifacts' checksums, and instantiates each contract at its instantiate2 address
    /// with the plan's message (after `adjust`, which the benchmark uses to bootstrap
    /// membership; the demo passes `|_| {}`). Fails if an address differs from the plan.
    pub fn deploy(
        mut chain: Chain,
        artifacts: &Artifacts,
        config: &Config,
        deployer: &Addr,
        adjust: impl Fn(&mut PlannedContract),
    ) -> Result<Dao, DaoError> {
        let mut code_ids = Vec::new();
        for (_, artifact) in CONTRACTS {
            let (code_id, compile_gas) = chain.store_code(deployer, &artifacts.wasm(artifact)?)?;
            code_ids.push((code_id, compile_gas));
        }
        let plan = plan(
            config,
            deployer.as_str(),
            berty_deploy::parse_checksums(&artifacts.checksums),
        )?;
        let mut deploy_gas = Vec::new();
        for (planned, (code_id, compile_gas)) in plan.contracts.iter().zip(code_ids) {
            let mut planned = planned.clone();
            adjust(&mut planned);
            let admin = chain.api().addr(
                &chain
                    .api()
                    .canonicalize(&planned.admin)
                    .map_err(|reason| ChainError::InvalidAddress { reason })?,
            );
            let (addr, outcome) = chain.instantiate2(
                deployer,
                code_id,
                &planned.msg,
                &[],
                &planned.label,
                Some(&admin),
                planned.salt.as_bytes(),
            )?;
            if addr.as_str() != planned.address {
                return Err(DaoError::AddressMismatch {
                    contract: planned.name,
                    planned: planned.address,
                    actual: addr.to_string(),
                });
            }
            deploy_gas.push((planned.name.clone(), compile_gas, outcome.gas));
        }
        let addr = |s: &str| Addr::unchecked(s);
        Ok(Dao {
            membership: addr(&plan.membership),
            audit_registry: addr(&plan.audit_registry),
            council_vote: addr(&plan.council_vote),
            release: addr(&plan.release),
            plan,
            chain,
            deploy_gas,
        })
    }

    pub fn addr(&self, contract: Contract) -> &Addr {
        match contract {
            Contract::Membership => &self.membership,
            Contract::AuditRegistry => &self.audit_registry,
            Contract::CouncilVote => &self.council_vote,
            Contract::Release => &self.release,
        }
    }

    /// Executes `msg` on `contract` as `sender`.
    pub fn execute<M: Serialize>(
        &mut self,
        sender: &Addr,
        contract: Contract,
        msg: &M,
        funds: &[cosmwasm_std::Coin],
    ) -> Result<TxOutcome, ChainError> {
        let target = self.addr(contract).clone();
        self.chain.execute(sender, &target, msg, funds)
    }

    /// `who` registers its public key with membership.
    pub fn register_key(&mut self, who: &Actor) -> Result<TxOutcome, ChainError> {
        let msg = berty_interface::membership::ExecuteMsg::RegisterPubkey {
            pubkey: who.pubkey(),
        };
        self.execute(&who.addr, Contract::Membership, &msg, &[])
    }

    pub fn query<M: Serialize, T: DeserializeOwned>(
        &self,
        contract: Contract,
        msg: &M,
    ) -> Result<T, ChainError> {
        self.chain.query(self.addr(contract), msg)
    }

    /// The trail bundle of `release_id`, read through smart queries as an exporter reads a
    /// node (`berty_trail_verifier::Bundle::export`).
    pub fn export_bundle(&self, release_id: &str) -> Result<Bundle, DaoError> {
        let querier = ChainQuerier { chain: &self.chain };
        let wrapper = QuerierWrapper::<Empty>::new(&querier);
        Bundle::export(&wrapper, self.chain.chain_id(), &self.release, release_id)
            .map_err(|e| DaoError::Export(e.to_string()))
    }
}

/// The chain as a `cosmwasm_std::Querier`, for code written against one (the exporter).
struct ChainQuerier<'a> {
    chain: &'a Chain,
}

impl cosmwasm_std::Querier for ChainQuerier<'_> {
    fn raw_query(&self, request: &[u8]) -> QuerierResult {
        let request: QueryRequest<Empty> = match from_json(request) {
            Ok(r) => r,
            Err(e) => {
                return SystemResult::Err(SystemError::InvalidRequest {
                    error: e.to_string(),
                    request: Binary::from(request),
                })
            }
        };
        match request {
            QueryRequest::Wasm(WasmQuery::Smart { contract_addr, msg }) => {
                let contract = Addr::unchecked(contract_addr);
                let msg: serde_json::Value = match from_json(&msg) {
                    Ok(v) => v,
                    Err(e) => return SystemResult::Ok(ContractResult::Err(e.to_string())),
                };
                match self.chain.query_with_gas(&contract, &msg) {
                    Ok((answer, _)) => SystemResult::Ok(ContractResult::Ok(answer)),
                    Err(ChainError::NoSuchContract { addr }) => {
                        SystemResult::Err(SystemError::NoSuchContract { addr })
                    }
                    Err(e) => SystemResult::Ok(ContractResult::Err(e.to_string())),
                }
            }
            QueryRequest::Wasm(WasmQuery::Raw { contract_addr, key }) => {
                let value = self
                    .chain
                    .query_raw(&Addr::unchecked(contract_addr), &key)
                    .unwrap_or_default();
                SystemResult::Ok(ContractResult::Ok(Binary::from(value)))
            }
            other => SystemResult::Err(SystemError::UnsupportedRequest {
                kind: format!("{other:?}"),
            }),
        }
    }
}

/// `to_json_binary` of a message, for `WasmMsg::Execute` inside proposals.
pub fn binary<M: Serialize>(msg: &M) -> Binary {
    to_json_binary(msg).expect("messages serialize")
}
