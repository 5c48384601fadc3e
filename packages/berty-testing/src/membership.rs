//! A membership contract on a cw-multi-test chain, deployed as planned with stand-ins
//! for its peers, with a helper per message.

use berty_hashlog::LogHead;
use berty_interface::membership::{
    ConfigResponse, CountsResponse, ExecuteMsg, MemberEventData, MemberEventKind, MemberInit,
    MemberLogResponse, MemberResponse, MembersResponse, QueryMsg, RoleMembersResponse,
};
use berty_interface::{College, Role, RoleFilter};
use cosmwasm_std::{Addr, Binary, StdResult};
use cw_multi_test::{App, AppResponse};

use crate::deploy::{Built, Contract, SuiteBuilder, View};

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

/// A member's role change as the members log records it.
pub fn role_change(addr: &Addr, role: Role) -> MemberEventData {
    MemberEventData::Role {
        addr: addr.clone(),
        role,
    }
}

/// The events of a members log page as (seq, kind, data): what a test compares.
pub fn logged(log: MemberLogResponse) -> Vec<(u64, MemberEventKind, MemberEventData)> {
    let events = log.events.into_iter().map(|e| e.event);
    events.map(|e| (e.seq, e.kind, e.data)).collect()
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

impl View for MembershipSuite {
    const REAL: &'static [Contract] = &[Contract::Membership];

    fn view(built: Built) -> Self {
        let deployment = built.deployment;
        MembershipSuite {
            contract: deployment.membership,
            owner: deployment.council_vote,
            registrar: deployment.audit_registry,
            deployer: deployment.deployer,
            app: deployment.app,
        }
    }
}

impl MembershipSuite {
    /// The DAO as deployed, membership real and its peers stand-ins: owned by
    /// council-vote's planned address (`owner`), with the audit registry's as auditor
    /// registrar (`registrar`), whose genesis members are exactly `members` (named by
    /// `addr_make`), instantiated by `deployer`. Panics if the contract refuses them (e.g.
    /// a college is left empty).
    pub fn new(members: &[(&str, Role)]) -> Self {
        members
            .iter()
            .fold(SuiteBuilder::new(0, 0, 0, 0), |b, (name, role)| {
                b.with_member(name, *role)
            })
            .build()
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
        crate::next_block(&mut self.app)
    }

    pub fn height(&self) -> u64 {
        self.app.block_info().height
    }

    execute_helpers!(contract, ExecuteMsg);

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

    query_helpers!(contract, QueryMsg);

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
}
