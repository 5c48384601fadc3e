//! The DAO's governance on a cw-multi-test chain: membership owned by council-vote from
//! the first block (council-vote's address is predicted with `instantiate2`), a mock
//! release contract, and a helper per council-vote message.

use berty_interface::council_vote::ProposeMsg;
use berty_interface::council_vote::VoteMsg;
use berty_interface::council_vote::{
    BallotLogResponse, BallotResponse, BallotsResponse, ConfigResponse, ExecuteMsg, InstantiateMsg,
    MemberParticipationResponse, ProposalResponse, ProposalStatus, ProposalsResponse, QueryMsg,
    Rules, RulesResponse, Vote,
};
use berty_interface::membership::{self, MemberInit};
use berty_interface::Role;
use berty_trail::LogHead;
use cosmwasm_std::{
    instantiate2_address, to_json_binary, Addr, Api, Binary, Coin, CosmosMsg, Empty, StdResult,
    WasmMsg,
};
use cw_multi_test::{App, AppResponse, Executor};

use crate::membership::{member, ACTIVIST, TECHNOLOGIST};
use crate::mock_release::{self, RecordedDecision};

/// The `instantiate2` salt of council-vote (SPEC section 2).
pub const COUNCIL_SALT: &[u8] = b"council-vote";

/// Builds a suite; members are named `activist0..`, `technologist0..`, `ctr0..`, `auditor0..`.
pub struct CouncilSuiteBuilder {
    activists: usize,
    technologists: usize,
    ctrs: usize,
    auditors: usize,
    extra: Vec<(Addr, Role)>,
    rules: Rules,
    governance_rules: Option<Rules>,
}

impl CouncilSuiteBuilder {
    pub fn activists(mut self, n: usize) -> Self {
        self.activists = n;
        self
    }

    pub fn technologists(mut self, n: usize) -> Self {
        self.technologists = n;
        self
    }

    pub fn ctrs(mut self, n: usize) -> Self {
        self.ctrs = n;
        self
    }

    pub fn auditors(mut self, n: usize) -> Self {
        self.auditors = n;
        self
    }

    /// A genesis member with a given address (e.g. a `TestKey`'s).
    pub fn member(mut self, addr: Addr, role: Role) -> Self {
        self.extra.push((addr, role));
        self
    }

    pub fn rules(mut self, rules: Rules) -> Self {
        self.rules = rules;
        self
    }

    pub fn governance_rules(mut self, rules: Rules) -> Self {
        self.governance_rules = Some(rules);
        self
    }

    pub fn build(self) -> CouncilSuite {
        let mut app = App::default();
        let deployer = app.api().addr_make("deployer");
        let release = mock_release::instantiate_mock(&mut app, &deployer);
        let membership_code = app.store_code(crate::contracts::membership());
        let council_code = app.store_code(crate::contracts::council_vote());
        let checksum = app
            .wrap()
            .query_wasm_code_info(council_code)
            .expect("council-vote code stored")
            .checksum;
        let creator = app
            .api()
            .addr_canonicalize(deployer.as_str())
            .expect("deployer address");
        let predicted = instantiate2_address(checksum.as_slice(), &creator, COUNCIL_SALT)
            .expect("predictable address");
        let council = app.api().addr_humanize(&predicted).expect("address");

        let names = |prefix: &str, n: usize, role: Role| {
            (0..n)
                .map(|i| (format!("{prefix}{i}"), role))
                .collect::<Vec<_>>()
        };
        let mut members: Vec<MemberInit> = [
            names("activist", self.activists, ACTIVIST),
            names("technologist", self.technologists, TECHNOLOGIST),
            names("ctr", self.ctrs, Role::CoreTeamRep),
            names("auditor", self.auditors, Role::Auditor),
        ]
        .concat()
        .into_iter()
        .map(|(name, role)| member(&app.api().addr_make(&name), role))
        .collect();
        members.extend(self.extra.iter().map(|(addr, role)| member(addr, *role)));
        let membership = app
            .instantiate_contract(
                membership_code,
                deployer.clone(),
                &membership::InstantiateMsg {
                    owner: council.to_string(),
                    auditor_registrar: None,
                    members,
                },
                &[],
                "membership",
                Some(deployer.to_string()),
            )
            .expect("instantiate membership");
        let msg = InstantiateMsg {
            membership: membership.to_string(),
            release: release.to_string(),
            rules: self.rules,
            governance_rules: self.governance_rules,
        };
        let instantiated = app
            .instantiate2_contract(
                council_code,
                deployer.clone(),
                &msg,
                &[],
                "council-vote",
                Some(deployer.to_string()),
                COUNCIL_SALT,
            )
            .expect("instantiate council-vote");
        assert_eq!(instantiated, council, "instantiate2 address as predicted");
        let mut suite = CouncilSuite {
            app,
            council,
            membership,
            release,
            deployer,
        };
        // genesis members count from the block after instantiation
        suite.next_block();
        suite
    }
}

pub struct CouncilSuite {
    pub app: App,
    pub council: Addr,
    pub membership: Addr,
    pub release: Addr,
    pub deployer: Addr,
}

/// A release id (a sha256 digest) made from a short name.
pub fn release_id(name: &str) -> String {
    berty_trail::hash::to_hex(&berty_trail::sha256(name.as_bytes()))
}

impl CouncilSuite {
    /// 3 activists, 3 technologists, 1 CTR, default rules.
    pub fn builder() -> CouncilSuiteBuilder {
        CouncilSuiteBuilder {
            activists: 3,
            technologists: 3,
            ctrs: 1,
            auditors: 0,
            extra: vec![],
            rules: Rules::default(),
            governance_rules: None,
        }
    }

    pub fn new() -> Self {
        Self::builder().build()
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    pub fn activist(&self, i: usize) -> Addr {
        self.addr(&format!("activist{i}"))
    }

    pub fn technologist(&self, i: usize) -> Addr {
        self.addr(&format!("technologist{i}"))
    }

    pub fn ctr(&self, i: usize) -> Addr {
        self.addr(&format!("ctr{i}"))
    }

    pub fn next_block(&mut self) -> u64 {
        self.app.update_block(|block| {
            block.height += 1;
            block.time = block.time.plus_seconds(5);
        });
        self.app.block_info().height
    }

    /// Moves the clock by `seconds` (one block).
    pub fn advance(&mut self, seconds: u64) {
        self.app.update_block(|block| {
            block.height += 1;
            block.time = block.time.plus_seconds(seconds);
        });
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
            .execute_contract(sender.clone(), self.council.clone(), msg, funds)
    }

    /// The error text of a message that must fail.
    pub fn execute_err(&mut self, sender: &Addr, msg: &ExecuteMsg) -> String {
        self.execute(sender, msg)
            .expect_err("message should fail")
            .to_string()
    }

    pub fn propose(
        &mut self,
        sender: &Addr,
        title: &str,
        msgs: Vec<CosmosMsg>,
    ) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::Propose(ProposeMsg {
            title: title.to_string(),
            description: format!("{title}, as discussed"),
            msgs,
        });
        self.execute(sender, &msg)
    }

    /// Proposes and returns the new proposal's id.
    pub fn propose_id(&mut self, sender: &Addr, title: &str, msgs: Vec<CosmosMsg>) -> u64 {
        let res = self.propose(sender, title, msgs).expect("propose");
        proposal_id_of(&res)
    }

    /// The mock release contract opens a vote on `release_id`; returns the proposal id.
    pub fn open_release_vote(&mut self, release_id: &str) -> StdResult<u64> {
        let (release, council) = (self.release.clone(), self.council.clone());
        let res = mock_release::open_vote(&mut self.app, &release, &council, release_id)?;
        Ok(proposal_id_of(&res))
    }

    pub fn vote(&mut self, voter: &Addr, proposal_id: u64, vote: Vote) -> StdResult<AppResponse> {
        self.vote_with(voter, proposal_id, vote, None, None)
    }

    pub fn vote_with(
        &mut self,
        voter: &Addr,
        proposal_id: u64,
        vote: Vote,
        rationale: Option<&str>,
        signature: Option<Binary>,
    ) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::Vote(VoteMsg {
            proposal_id,
            vote,
            rationale: rationale.map(str::to_string),
            signature,
        });
        self.execute(voter, &msg)
    }

    pub fn close(&mut self, proposal_id: u64) -> StdResult<AppResponse> {
        let anyone = self.addr("anyone");
        self.execute(&anyone, &ExecuteMsg::Close { proposal_id })
    }

    pub fn execute_proposal(&mut self, proposal_id: u64) -> StdResult<AppResponse> {
        let anyone = self.addr("anyone");
        self.execute(&anyone, &ExecuteMsg::Execute { proposal_id })
    }

    /// Every council member of both colleges votes `vote` (the first `n` of each).
    pub fn vote_colleges(&mut self, proposal_id: u64, activists: &[Vote], technologists: &[Vote]) {
        for (i, vote) in activists.iter().enumerate() {
            let voter = self.activist(i);
            self.vote(&voter, proposal_id, *vote)
                .expect("activist votes");
        }
        for (i, vote) in technologists.iter().enumerate() {
            let voter = self.technologist(i);
            self.vote(&voter, proposal_id, *vote)
                .expect("technologist votes");
        }
    }

    /// A governance proposal by `ctr0`, approved by the first `activists` and
    /// `technologists` council members (those needed to decide it), executed. Returns the proposal id and the execution's result.
    pub fn pass(
        &mut self,
        msgs: Vec<CosmosMsg>,
        activists: usize,
        technologists: usize,
    ) -> (u64, StdResult<AppResponse>) {
        let proposer = self.ctr(0);
        let id = self.propose_id(&proposer, "governance", msgs);
        let voters: Vec<Addr> = (0..activists)
            .map(|i| self.activist(i))
            .chain((0..technologists).map(|i| self.technologist(i)))
            .collect();
        // yes until decided (ballots are refused from then on)
        for voter in voters {
            if self.proposal(id).status != ProposalStatus::Open {
                break;
            }
            self.vote(&voter, id, Vote::Yes)
                .expect("council member votes");
        }
        assert_eq!(self.proposal(id).status, ProposalStatus::Passed);
        (id, self.execute_proposal(id))
    }

    /// A message of the council to itself (what `update_rules` proposals carry).
    pub fn council_msg(&self, msg: &ExecuteMsg) -> CosmosMsg {
        wasm_msg(&self.council, msg)
    }

    /// A message of the council to membership.
    pub fn membership_msg(&self, msg: &membership::ExecuteMsg) -> CosmosMsg {
        wasm_msg(&self.membership, msg)
    }

    fn query<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> StdResult<T> {
        self.app.wrap().query_wasm_smart(self.council.clone(), msg)
    }

    /// A query that must fail, with its error text.
    pub fn query_err(&self, msg: &QueryMsg) -> String {
        self.query::<serde_json::Value>(msg)
            .expect_err("query should fail")
            .to_string()
    }

    pub fn rules(&self) -> RulesResponse {
        self.query(&QueryMsg::Rules {}).unwrap()
    }

    pub fn config(&self) -> ConfigResponse {
        self.query(&QueryMsg::Config {}).unwrap()
    }

    pub fn proposal(&self, proposal_id: u64) -> ProposalResponse {
        self.query(&QueryMsg::Proposal { proposal_id }).unwrap()
    }

    pub fn proposals(
        &self,
        status: Option<ProposalStatus>,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> ProposalsResponse {
        self.query(&QueryMsg::Proposals {
            status,
            start_after,
            limit,
        })
        .unwrap()
    }

    pub fn ballot(&self, proposal_id: u64, voter: &Addr) -> BallotResponse {
        self.query(&QueryMsg::Ballot {
            proposal_id,
            voter: voter.to_string(),
        })
        .unwrap()
    }

    pub fn ballots(
        &self,
        proposal_id: u64,
        start_after: Option<&Addr>,
        limit: Option<u32>,
    ) -> BallotsResponse {
        self.query(&QueryMsg::Ballots {
            proposal_id,
            start_after: start_after.map(Addr::to_string),
            limit,
        })
        .unwrap()
    }

    pub fn ballot_log(
        &self,
        proposal_id: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> BallotLogResponse {
        self.query(&QueryMsg::BallotLog {
            proposal_id,
            start_after,
            limit,
        })
        .unwrap()
    }

    pub fn ballot_log_head(&self, proposal_id: u64) -> LogHead {
        self.query(&QueryMsg::BallotLogHead { proposal_id })
            .unwrap()
    }

    pub fn member_participation(
        &self,
        start_after: Option<&Addr>,
        limit: Option<u32>,
    ) -> MemberParticipationResponse {
        self.query(&QueryMsg::MemberParticipation {
            start_after: start_after.map(Addr::to_string),
            limit,
        })
        .unwrap()
    }

    /// The decision the mock release contract received for `proposal_id`.
    pub fn delivered(&self, proposal_id: u64) -> Option<RecordedDecision> {
        mock_release::decision(&self.app, &self.release, proposal_id)
    }

    /// A member's current role in membership.
    pub fn role(&self, addr: &Addr) -> Option<Role> {
        let answer: membership::MemberResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                self.membership.clone(),
                &membership::QueryMsg::Member {
                    addr: addr.to_string(),
                    at_height: None,
                },
            )
            .unwrap();
        answer.role
    }

    pub fn membership_config(&self) -> membership::ConfigResponse {
        self.app
            .wrap()
            .query_wasm_smart(self.membership.clone(), &membership::QueryMsg::Config {})
            .unwrap()
    }
}

impl Default for CouncilSuite {
    fn default() -> Self {
        Self::new()
    }
}

pub fn wasm_msg<T: serde::Serialize>(contract: &Addr, msg: &T) -> CosmosMsg {
    CosmosMsg::<Empty>::Wasm(WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg).expect("message serializes"),
        funds: vec![],
    })
}

/// The `proposal_id` attribute council-vote emitted.
pub fn proposal_id_of(res: &AppResponse) -> u64 {
    attribute(res, "proposal_id")
        .expect("a proposal_id attribute")
        .parse()
        .expect("a number")
}

/// The first value of a `wasm` event attribute emitted by any contract.
pub fn attribute(res: &AppResponse, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| &e.attributes)
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}
