//! council-vote called directly (no chain), with membership faked by a querier that
//! answers raw reads from a map laid out as membership lays out its storage, and counts
//! every raw read and smart query (it answers the snapshot queries `berty_testing::gas`'s
//! fake peers refuse). Storage is metered with the Cosmos SDK's KV gas table.

use berty_interface::council_vote::VoteMsg;
use std::cell::RefCell;
use std::collections::HashMap;
use std::marker::PhantomData;
use std::rc::Rc;

use berty_council_vote::contract::{execute, instantiate};
use berty_council_vote::ContractError;
use berty_interface::council_vote::{ExecuteMsg, InstantiateMsg, Rules, Vote};
use berty_interface::keys::{MemberRecord, MEMBERS, PUBKEYS};
use berty_interface::membership::{CountsResponse, MemberResponse, QueryMsg as MembershipQuery};
use berty_interface::{College, Role};
use berty_testing::gas::Metered;
use cosmwasm_std::testing::{message_info, mock_env, MockApi, MockQuerier};
use cosmwasm_std::{
    from_json, to_json_binary, to_json_vec, Addr, Binary, ContractResult, Env, OwnedDeps, Response,
    SystemError, SystemResult, WasmQuery,
};

/// Membership's storage as peers see it, and how often it was asked.
#[derive(Default)]
pub struct FakeMembership {
    raw: HashMap<Vec<u8>, Vec<u8>>,
    counts: CountsResponse,
    pub raw_reads: u64,
    pub smart_queries: u64,
}

impl FakeMembership {
    fn answer(&mut self, query: &WasmQuery) -> SystemResult<ContractResult<Binary>> {
        match query {
            WasmQuery::Raw { key, .. } => {
                self.raw_reads += 1;
                let value = self.raw.get(key.as_slice()).cloned().unwrap_or_default();
                SystemResult::Ok(ContractResult::Ok(Binary::from(value)))
            }
            WasmQuery::Smart { msg, .. } => {
                self.smart_queries += 1;
                let answer = match from_json(msg).expect("a membership query") {
                    MembershipQuery::Counts { .. } => to_json_binary(&self.counts),
                    MembershipQuery::Member { addr, .. } => {
                        let addr = Addr::unchecked(addr);
                        let record: Option<MemberRecord> = self
                            .raw
                            .get(MEMBERS.key(&addr).as_ref())
                            .map(|v| from_json(v).unwrap());
                        to_json_binary(&MemberResponse {
                            addr,
                            role: record.map(|r| r.role),
                            pubkey: None,
                            barred: false,
                        })
                    }
                    other => panic!("unexpected query {other:?}"),
                };
                SystemResult::Ok(ContractResult::Ok(answer.unwrap()))
            }
            other => SystemResult::Err(SystemError::UnsupportedRequest {
                kind: format!("{other:?}"),
            }),
        }
    }
}

pub type Deps = OwnedDeps<Metered, MockApi, MockQuerier>;

pub struct Harness {
    pub deps: Deps,
    pub env: Env,
    pub release: Addr,
    pub membership: Rc<RefCell<FakeMembership>>,
    pub activists: Vec<Addr>,
    pub technologists: Vec<Addr>,
}

impl Harness {
    /// council-vote with colleges of the given sizes, seated before the current block.
    pub fn new(activists: usize, technologists: usize, rules: Rules) -> Self {
        let membership = Rc::new(RefCell::new(FakeMembership::default()));
        let mut querier = MockQuerier::default();
        let shared = membership.clone();
        querier.update_wasm(move |query| shared.borrow_mut().answer(query));
        let mut deps = OwnedDeps {
            storage: Metered::default(),
            api: MockApi::default(),
            querier,
            custom_query_type: PhantomData,
        };
        let mut env = mock_env();
        let release = deps.api.addr_make("release");
        let msg = InstantiateMsg {
            membership: deps.api.addr_make("membership").to_string(),
            release: release.to_string(),
            rules: rules.clone(),
            governance_rules: Some(rules),
        };
        let deployer = deps.api.addr_make("deployer");
        instantiate(
            deps.as_mut(),
            env.clone(),
            message_info(&deployer, &[]),
            msg,
        )
        .unwrap();
        let mut harness = Harness {
            activists: (0..activists)
                .map(|i| deps.api.addr_make(&format!("activist{i}")))
                .collect(),
            technologists: (0..technologists)
                .map(|i| deps.api.addr_make(&format!("technologist{i}")))
                .collect(),
            deps,
            env: env.clone(),
            release,
            membership,
        };
        let since = env.block.height;
        for college in College::ALL {
            for addr in harness.college(college).to_vec() {
                harness.seat(&addr, Role::Council { college }, since);
            }
        }
        env.block.height += 1;
        harness.env = env;
        harness
    }

    pub fn college(&self, college: College) -> &[Addr] {
        match college {
            College::Activists => &self.activists,
            College::Technologists => &self.technologists,
        }
    }

    /// Gives `addr` a role since `since`, as membership would store it.
    pub fn seat(&mut self, addr: &Addr, role: Role, since: u64) {
        let mut fake = self.membership.borrow_mut();
        let record = to_json_vec(&MemberRecord { role, since }).unwrap();
        fake.raw.insert(MEMBERS.key(addr).to_vec(), record);
        match role {
            Role::Council {
                college: College::Activists,
            } => fake.counts.activists += 1,
            Role::Council {
                college: College::Technologists,
            } => fake.counts.technologists += 1,
            Role::CoreTeamRep => fake.counts.core_team_reps += 1,
            Role::Auditor => fake.counts.auditors += 1,
        }
    }

    pub fn register_pubkey(&mut self, addr: &Addr, pubkey: &Binary) {
        let value = to_json_vec(pubkey).unwrap();
        self.membership
            .borrow_mut()
            .raw
            .insert(PUBKEYS.key(addr).to_vec(), value);
    }

    pub fn execute(&mut self, sender: &Addr, msg: ExecuteMsg) -> Result<Response, ContractError> {
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, &[]),
            msg,
        )
    }

    /// The release contract opens a vote; returns its id.
    pub fn open_release_vote(&mut self) -> u64 {
        let release = self.release.clone();
        let res = self
            .execute(
                &release,
                ExecuteMsg::OpenReleaseVote {
                    release_id: "ab".repeat(32),
                },
            )
            .unwrap();
        let id = res
            .attributes
            .iter()
            .find(|a| a.key == "proposal_id")
            .unwrap();
        id.value.parse().unwrap()
    }

    pub fn vote(
        &mut self,
        voter: &Addr,
        proposal_id: u64,
        vote: Vote,
    ) -> Result<Response, ContractError> {
        self.execute(
            voter,
            ExecuteMsg::Vote(VoteMsg {
                proposal_id,
                vote,
                rationale: None,
                signature: None,
            }),
        )
    }

    /// Resets every counter, so the next message is measured alone.
    pub fn reset_counters(&mut self) {
        self.deps.storage.reset();
        let mut fake = self.membership.borrow_mut();
        fake.raw_reads = 0;
        fake.smart_queries = 0;
    }
}

impl Harness {
    pub fn proposal(&self, proposal_id: u64) -> berty_interface::council_vote::ProposalResponse {
        let msg = berty_interface::council_vote::QueryMsg::Proposal { proposal_id };
        let bin =
            berty_council_vote::contract::query(self.deps.as_ref(), self.env.clone(), msg).unwrap();
        from_json(bin).unwrap()
    }
}
