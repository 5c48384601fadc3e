//! A membership contract on a cw-multi-test chain, with a helper per message.

use berty_interface::membership::{
    ConfigResponse, CountsResponse, ExecuteMsg, InstantiateMsg, MemberInit, MemberLogResponse,
    MemberResponse, MembersResponse, QueryMsg, RoleMembersResponse,
};
use berty_interface::{College, Role, RoleFilter};
use berty_trail::LogHead;
use cosmwasm_std::{Addr, Binary, Coin, StdResult};
use cw_multi_test::{App, AppResponse, Executor};

pub const ACTIVIST: Role = Role::Council {
    college: College::Activists,
};
pub const TECHNOLOGIST: Role = Role::Council {
    college: College::Technologists,
};

/// One seat in each college, named as `crate::with_council_seats` names them: the least
/// genesis membership accepts (no college may be empty, SPEC 4.1).
pub const SEATS: [(&str, Role); 2] = [
    ("seat-activists", ACTIVIST),
    ("seat-technologists", TECHNOLOGIST),
];

pub fn member(addr: &Addr, role: Role) -> MemberInit {
    MemberInit {
        addr: addr.to_string(),
        role,
    }
}

/// The attributes the contract emitted (its `wasm` events, in order), without the
/// `_contract_address` the chain adds: what an indexer reads.
pub fn wasm_attributes(res: &AppResponse) -> Vec<(String, String)> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| &e.attributes)
        .filter(|a| a.key != "_contract_address")
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect()
}

/// Asserts that the contract emitted exactly `expected`, in order (`wasm_attributes`).
#[track_caller]
pub fn assert_attributes(res: &AppResponse, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(wasm_attributes(res), expected);
}

pub struct MembershipSuite {
    pub app: App,
    pub contract: Addr,
    pub owner: Addr,
    pub registrar: Addr,
    pub deployer: Addr,
}

impl MembershipSuite {
    /// A membership contract owned by `owner`, with `registrar` as auditor registrar, whose
    /// genesis members are exactly `members` (named by `addr_make`), instantiated by
    /// `deployer`. Panics if the contract refuses them (e.g. a college is left empty).
    pub fn new(members: &[(&str, Role)]) -> Self {
        let mut app = App::default();
        let owner = app.api().addr_make("owner");
        let registrar = app.api().addr_make("registrar");
        let deployer = app.api().addr_make("deployer");
        let code_id = app.store_code(crate::contracts::membership());
        let members = members
            .iter()
            .map(|(name, role)| member(&app.api().addr_make(name), *role))
            .collect();
        let msg = InstantiateMsg {
            owner: owner.to_string(),
            auditor_registrar: Some(registrar.to_string()),
            members,
        };
        let contract = app
            .instantiate_contract(code_id, deployer.clone(), &msg, &[], "membership", None)
            .expect("instantiate membership");
        MembershipSuite {
            app,
            contract,
            owner,
            registrar,
            deployer,
        }
    }

    /// `members` plus a seat (`SEATS`) in each college they leave empty, for a test about
    /// something else than the colleges.
    pub fn seated(members: &[(&str, Role)]) -> Self {
        let members =
            crate::with_council_seats(members.iter().map(|(n, r)| (n.to_string(), *r)).collect());
        let members: Vec<(&str, Role)> = members.iter().map(|(n, r)| (n.as_str(), *r)).collect();
        Self::new(&members)
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    pub fn next_block(&mut self) -> u64 {
        self.app.update_block(|block| {
            block.height += 1;
            block.time = block.time.plus_seconds(5);
        });
        self.height()
    }

    pub fn height(&self) -> u64 {
        self.app.block_info().height
    }

    pub fn execute(&mut self, sender: &Addr, msg: &ExecuteMsg) -> StdResult<AppResponse> {
        self.execute_with_funds(sender, msg, &[])
    }

    pub fn execute_with_funds(
        &mut self,
        sender: &Addr,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> StdResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.contract.clone(), msg, funds)
    }

    /// The error text of a message that must fail.
    pub fn execute_err(&mut self, sender: &Addr, msg: &ExecuteMsg) -> String {
        self.execute(sender, msg)
            .expect_err("message should fail")
            .to_string()
    }

    pub fn update_members(
        &mut self,
        add: Vec<MemberInit>,
        remove: Vec<&Addr>,
    ) -> StdResult<AppResponse> {
        let owner = self.owner.clone();
        let msg = ExecuteMsg::UpdateMembers {
            add,
            remove: remove.into_iter().map(Addr::to_string).collect(),
        };
        self.execute(&owner, &msg)
    }

    pub fn grant_auditor(&mut self, addr: &Addr) -> StdResult<AppResponse> {
        let registrar = self.registrar.clone();
        let msg = ExecuteMsg::GrantAuditor {
            addr: addr.to_string(),
        };
        self.execute(&registrar, &msg)
    }

    pub fn revoke_auditor(&mut self, addr: &Addr) -> StdResult<AppResponse> {
        let registrar = self.registrar.clone();
        let msg = ExecuteMsg::RevokeAuditor {
            addr: addr.to_string(),
        };
        self.execute(&registrar, &msg)
    }

    pub fn register_pubkey(&mut self, sender: &Addr, pubkey: Binary) -> StdResult<AppResponse> {
        self.execute(sender, &ExecuteMsg::RegisterPubkey { pubkey })
    }

    fn query<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> StdResult<T> {
        self.app.wrap().query_wasm_smart(self.contract.clone(), msg)
    }

    pub fn config(&self) -> ConfigResponse {
        self.query(&QueryMsg::Config {}).unwrap()
    }

    pub fn member(&self, addr: &Addr, at_height: Option<u64>) -> MemberResponse {
        self.query(&QueryMsg::Member {
            addr: addr.to_string(),
            at_height,
        })
        .unwrap()
    }

    pub fn role(&self, addr: &Addr) -> Option<Role> {
        self.member(addr, None).role
    }

    pub fn members(
        &self,
        role: Option<RoleFilter>,
        college: Option<College>,
        start_after: Option<&Addr>,
        limit: Option<u32>,
    ) -> MembersResponse {
        self.query(&QueryMsg::Members {
            role,
            college,
            start_after: start_after.map(Addr::to_string),
            limit,
        })
        .unwrap()
    }

    pub fn role_members(
        &self,
        role: Role,
        start_after: Option<&Addr>,
        limit: Option<u32>,
    ) -> Vec<Addr> {
        self.query::<RoleMembersResponse>(&QueryMsg::RoleMembers {
            role,
            start_after: start_after.map(Addr::to_string),
            limit,
        })
        .unwrap()
        .members
    }

    pub fn counts(&self, at_height: Option<u64>) -> CountsResponse {
        self.query(&QueryMsg::Counts { at_height }).unwrap()
    }

    pub fn member_log(&self, start_after: Option<u64>, limit: Option<u32>) -> MemberLogResponse {
        self.query(&QueryMsg::MemberLog { start_after, limit })
            .unwrap()
    }

    pub fn member_log_head(&self) -> LogHead {
        self.query(&QueryMsg::MemberLogHead {}).unwrap()
    }

    /// A query that must fail, with its error text.
    pub fn query_err(&self, msg: &QueryMsg) -> String {
        self.query::<serde_json::Value>(msg)
            .expect_err("query should fail")
            .to_string()
    }
}
