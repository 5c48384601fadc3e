//! The DAO's governance on a cw-multi-test chain, deployed as planned: membership owned by
//! council-vote from the first block, stand-ins for the release contract
//! (`crate::mock_release`) and the registry at their planned addresses, and a helper per
//! council-vote message.

use berty_hashlog::LogHead;
use berty_interface::council_vote::ProposeMsg;
use berty_interface::council_vote::VoteMsg;
use berty_interface::council_vote::{
    BallotLogResponse, BallotResponse, BallotsResponse, ConfigResponse, ExecuteMsg,
    MemberParticipationResponse, ProposalResponse, ProposalStatus, ProposalsResponse, QueryMsg,
    RulesResponse, Vote,
};
use berty_interface::membership;
use berty_interface::Role;
use cosmwasm_std::{Addr, Binary, CosmosMsg, StdResult};
use cw_multi_test::{App, AppResponse};

use crate::deploy::{Built, Contract, SuiteBuilder, View};
use crate::mock_release::{self, RecordedDecision};

/// Builds a suite; members are named `activist0..`, `technologist0..`, `ctr0..`, `auditor0..`.
pub type CouncilSuiteBuilder = SuiteBuilder<CouncilSuite>;

impl View for CouncilSuite {
    const REAL: &'static [Contract] = &[Contract::CouncilVote];

    fn view(built: Built) -> Self {
        let deployment = built.deployment;
        let mut suite = CouncilSuite {
            app: deployment.app,
            council: deployment.council_vote,
            membership: deployment.membership,
            release: deployment.release,
            deployer: deployment.deployer,
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
    berty_hashlog::hash::to_hex(&berty_hashlog::sha256(name.as_bytes()))
}

impl CouncilSuite {
    /// 3 activists, 3 technologists, 1 CTR, default rules.
    pub fn builder() -> CouncilSuiteBuilder {
        SuiteBuilder::new(3, 3, 1, 0)
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
        crate::next_block(&mut self.app)
    }

    /// A membership contract outside the DAO, owned by the deployer (a seat in each college:
    /// the deployer and `seat-t`), labelled `label` with `admin` as its wasm admin.
    pub fn instantiate_foreign_membership(&mut self, label: &str, admin: Option<&Addr>) -> Addr {
        let deployer = self.deployer.clone();
        let code = self.app.store_code(crate::contracts::membership());
        let msg = membership::InstantiateMsg {
            owner: deployer.to_string(),
            auditor_registrar: None,
            members: vec![
                crate::membership::member(&deployer, crate::membership::ACTIVIST),
                crate::membership::member(&self.addr("seat-t"), crate::membership::TECHNOLOGIST),
            ],
        };
        let admin = admin.map(Addr::to_string);
        cw_multi_test::Executor::instantiate_contract(
            &mut self.app,
            code,
            deployer,
            &msg,
            &[],
            label,
            admin,
        )
        .expect("membership instantiates")
    }

    /// Moves the clock by `seconds` (one block).
    pub fn advance(&mut self, seconds: u64) {
        crate::advance(&mut self.app, seconds);
    }

    execute_helpers!(council, ExecuteMsg);

    pub fn propose(
        &mut self,
        sender: &Addr,
        title: &str,
        msgs: Vec<CosmosMsg>,
    ) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::Propose(ProposeMsg {
            title: title.to_string(),
            description: format!("{title}, as discussed"),
            msgs: msgs.into_iter().map(Into::into).collect(),
        });
        self.execute(sender, &msg)
    }

    /// Proposes and returns the new proposal's id.
    pub fn propose_id(&mut self, sender: &Addr, title: &str, msgs: Vec<CosmosMsg>) -> u64 {
        let res = self.propose(sender, title, msgs).expect("propose");
        proposal_id_of(&res)
    }

    /// `ctr0` proposes a signal (a governance proposal without messages); its id.
    pub fn signal(&mut self) -> u64 {
        let ctr = self.ctr(0);
        self.propose_id(&ctr, "signal", vec![])
    }

    /// A `signal` two members of each college approved: passed, not executed.
    pub fn passed_signal(&mut self) -> u64 {
        let id = self.signal();
        self.vote_colleges(id, &[Vote::Yes; 2], &[Vote::Yes; 2]);
        id
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

    query_helpers!(council, QueryMsg);

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

pub use crate::{attribute, wasm_msg};

/// The `proposal_id` attribute council-vote emitted.
pub fn proposal_id_of(res: &AppResponse) -> u64 {
    attribute(res, "proposal_id")
        .expect("a proposal_id attribute")
        .parse()
        .expect("a number")
}
