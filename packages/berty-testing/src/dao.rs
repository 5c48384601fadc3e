//! The whole DAO on a cw-multi-test chain, deployed as SPEC section 2 says, by the plan the
//! deploy script follows (`crate::deploy`): the four addresses are predicted with
//! `instantiate2` (salts `membership`, `audit-registry`, `council-vote`, `release`) before
//! anything is instantiated, so each contract gets its peers in its instantiate message;
//! council-vote owns membership and governs the registry from the first block. A helper per
//! message across the contracts.
//!
//! Every named account (`activist0`, `ctr1`, `auditor0`, `staker0`, `outsider`, ...) is
//! the address of the `TestKey` of that name, so each can register its key and sign.

use berty_interface::audit_registry::ChallengeReportMsg;
use berty_interface::audit_registry::RulingMsg;
use berty_interface::audit_registry::SubmitReportMsg;
use berty_interface::council_vote::ProposeMsg;
use berty_interface::council_vote::VoteMsg;
use berty_interface::release::AttestPublicationMsg;
use berty_interface::release::FinalizeMsg;
use berty_interface::release::ProposeReleaseMsg;
use berty_interface::release::WithdrawMsg;
use std::collections::BTreeMap;

use berty_interface::audit_registry::{
    self as registry, AuditGateResponse, ReportStatus, StakeResponse,
};
use berty_interface::council_vote::{self as council, ProposalResponse, Vote};
use berty_interface::membership;
use berty_interface::release::{self, Artifact, BuildInfo, GatesResponse, ReleaseResponse};
use berty_interface::signing::{signing_digest, BallotSigningPayload, ReportSigningPayload};
use berty_interface::Role;
use cosmwasm_std::{coin, Addr, Coin, CosmosMsg, Decimal, StdResult, Uint128};
use cw_multi_test::{App, AppResponse, Executor};
use serde::Serialize;

use crate::deploy::{staking_config, Built, Contract, SuiteBuilder, View};
use crate::keys::TestKey;
use crate::membership::member;

pub use crate::deploy::APP_NAME;
pub use crate::deploy::{APPEAL_WINDOW, CHALLENGE_BOND, DENOM, MIN_BOND, UNBONDING_PERIOD};

/// A digest (64 lowercase hex) named by `name`: release ids, report and artifact digests.
pub fn digest_of(name: &str) -> String {
    berty_hashlog::hash::to_hex(&berty_hashlog::sha256(name.as_bytes()))
}

/// Builds a DAO. Defaults: 3 activists, 3 technologists, 2 CTRs, 2 whitelisted auditors,
/// SPEC's default rules, whitelist mode (no staking).
pub type DaoBuilder = SuiteBuilder<Dao>;

impl DaoBuilder {
    /// Staked mode: auditors may bond `MIN_BOND` of `DENOM`; disputes with a court, half
    /// of a slash to the challenger.
    pub fn staked(self) -> Self {
        self.with_staking(staking_config())
            .with_challenger_reward(Decimal::percent(50))
    }
}

impl View for Dao {
    // governance (council-vote) is every contract's admin: migrations are DAO decisions
    const REAL: &'static [Contract] = &Contract::ALL;

    fn addr_of(name: &str) -> Addr {
        TestKey::from_seed(name).addr(&crate::deploy::api())
    }

    fn view(built: Built) -> Self {
        let deployment = built.deployment;
        let mut dao = Dao {
            app: deployment.app,
            membership: deployment.membership,
            registry: deployment.audit_registry,
            council: deployment.council_vote,
            release: deployment.release,
            deployer: deployment.deployer,
            court: built.court,
            treasury: built.treasury,
            keys: BTreeMap::new(),
            names: vec![],
        };
        dao.next_block();
        for (name, _) in &built.genesis {
            dao.register_pubkey(name)
                .expect("register the genesis keys");
        }
        dao.next_block();
        dao
    }
}

pub struct Dao {
    pub app: App,
    pub membership: Addr,
    pub registry: Addr,
    pub council: Addr,
    pub release: Addr,
    pub deployer: Addr,
    pub court: Addr,
    pub treasury: Addr,
    keys: BTreeMap<String, TestKey>,
    /// Every account named so far, in order: `vote_all` asks each whether it is a
    /// council member now.
    names: Vec<String>,
}

/// A built artifact named `name` for `platform`, its digest that of `name`'s bytes.
pub fn artifact(name: &str, platform: &str) -> Artifact {
    Artifact {
        name: name.into(),
        platform: platform.into(),
        digest: digest_of(name),
        uri: format!("ipfs://{}", &digest_of(name)[..16]),
    }
}

pub fn build_info() -> BuildInfo {
    BuildInfo {
        builder: "github-actions".into(),
        provenance_uri: Some("https://example.org/provenance.intoto.jsonl".into()),
        provenance_digest: Some(digest_of("provenance")),
    }
}

impl Default for Dao {
    fn default() -> Self {
        Self::builder().build()
    }
}

impl Dao {
    pub fn builder() -> DaoBuilder {
        SuiteBuilder::new(3, 3, 2, 2)
    }

    pub fn new() -> Self {
        Self::default()
    }

    pub fn key(&mut self, name: &str) -> &TestKey {
        if !self.keys.contains_key(name) {
            self.names.push(name.to_string());
        }
        self.keys
            .entry(name.to_string())
            .or_insert_with(|| TestKey::from_seed(name))
    }

    /// The address of the account `name` (its test key's).
    pub fn addr(&mut self, name: &str) -> Addr {
        self.key(name);
        self.keys[name].addr(self.app.api())
    }

    pub fn chain_id(&self) -> String {
        self.app.block_info().chain_id
    }

    pub fn height(&self) -> u64 {
        self.app.block_info().height
    }

    clock_and_bank_helpers!();

    /// `name` sends `msg` to `contract`.
    pub fn execute<T: Serialize + std::fmt::Debug>(
        &mut self,
        name: &str,
        contract: &Addr,
        msg: &T,
        funds: &[Coin],
    ) -> StdResult<AppResponse> {
        let sender = self.addr(name);
        self.app
            .execute_contract(sender, contract.clone(), msg, funds)
    }

    fn query<T: serde::de::DeserializeOwned>(
        &self,
        contract: &Addr,
        msg: &impl Serialize,
    ) -> StdResult<T> {
        self.app.wrap().query_wasm_smart(contract, msg)
    }

    // ---- membership

    pub fn register_pubkey(&mut self, name: &str) -> StdResult<AppResponse> {
        let pubkey = self.key(name).pubkey();
        let membership = self.membership.clone();
        self.execute(
            name,
            &membership,
            &membership::ExecuteMsg::RegisterPubkey { pubkey },
            &[],
        )
    }

    pub fn role(&mut self, name: &str) -> Option<Role> {
        let addr = self.addr(name);
        let answer: membership::MemberResponse = self
            .query(
                &self.membership,
                &membership::QueryMsg::Member {
                    addr: addr.to_string(),
                    at_height: None,
                },
            )
            .expect("member");
        answer.role
    }

    /// A governance proposal with these messages, proposed by `ctr0`, voted yes by every
    /// council member, executed. Returns its id.
    pub fn govern(&mut self, msgs: Vec<CosmosMsg>) -> StdResult<u64> {
        let council_addr = self.council.clone();
        let res = self.execute(
            "ctr0",
            &council_addr,
            &council::ExecuteMsg::Propose(ProposeMsg {
                title: "governance".into(),
                description: "a change the DAO decides".into(),
                msgs: msgs.into_iter().map(Into::into).collect(),
            }),
            &[],
        )?;
        let proposal_id: u64 = attribute(&res, "proposal_id")
            .expect("proposal_id attribute")
            .parse()
            .expect("a number");
        self.next_block();
        self.vote_all(proposal_id, Vote::Yes)?;
        self.execute(
            "ctr0",
            &council_addr,
            &council::ExecuteMsg::Execute { proposal_id },
            &[],
        )?;
        Ok(proposal_id)
    }

    /// A wasm message for a governance proposal.
    pub fn wasm_msg(contract: &Addr, msg: &impl Serialize) -> CosmosMsg {
        crate::wasm_msg(contract, msg)
    }

    /// Governance changes roles: `(name, role)` to add, names to remove.
    pub fn govern_members(&mut self, add: &[(&str, Role)], remove: &[&str]) -> StdResult<u64> {
        let add = add
            .iter()
            .map(|(name, role)| member(&self.addr(name), *role))
            .collect();
        let remove = remove
            .iter()
            .map(|name| self.addr(name).to_string())
            .collect();
        let msg = Self::wasm_msg(
            &self.membership,
            &membership::ExecuteMsg::UpdateMembers { add, remove },
        );
        self.govern(vec![msg])
    }

    // ---- audit registry

    pub fn report_msg(
        &self,
        name: &str,
        release_id: &str,
        status: ReportStatus,
    ) -> registry::ExecuteMsg {
        let report_uri = format!("ipfs://report-{name}-{}", &release_id[..8]);
        let report_digest = digest_of(&format!("report {name} {release_id} {status:?}"));
        let payload = ReportSigningPayload {
            chain_id: self.chain_id(),
            contract: self.registry.to_string(),
            release_id: release_id.to_string(),
            status,
            report_uri: report_uri.clone(),
            report_digest: report_digest.clone(),
        };
        let signature = TestKey::from_seed(name).sign(&signing_digest(&payload).expect("digest"));
        registry::ExecuteMsg::SubmitReport(SubmitReportMsg {
            release_id: release_id.to_string(),
            status,
            report_uri,
            report_digest,
            signature: Some(signature),
        })
    }

    /// A signed report by the auditor `name`.
    pub fn report(
        &mut self,
        name: &str,
        release_id: &str,
        status: ReportStatus,
    ) -> StdResult<AppResponse> {
        let msg = self.report_msg(name, release_id, status);
        let registry = self.registry.clone();
        self.execute(name, &registry, &msg, &[])
    }

    /// `name` bonds `amount` (minted for it first).
    pub fn bond(&mut self, name: &str, amount: u128) -> StdResult<AppResponse> {
        let addr = self.addr(name);
        self.fund(&addr, amount);
        let registry = self.registry.clone();
        self.execute(
            name,
            &registry,
            &registry::ExecuteMsg::Bond {},
            &[coin(amount, DENOM)],
        )
    }

    pub fn unbond(&mut self, name: &str, amount: u128) -> StdResult<AppResponse> {
        let registry = self.registry.clone();
        let msg = registry::ExecuteMsg::Unbond {
            amount: Uint128::new(amount),
        };
        self.execute(name, &registry, &msg, &[])
    }

    pub fn claim(&mut self, name: &str) -> StdResult<AppResponse> {
        let registry = self.registry.clone();
        self.execute(name, &registry, &registry::ExecuteMsg::Claim {}, &[])
    }

    /// `challenger` (funded with the bond) challenges `auditor`'s report; the challenge id.
    pub fn challenge(
        &mut self,
        challenger: &str,
        auditor: &str,
        release_id: &str,
    ) -> StdResult<u64> {
        let challenger_addr = self.addr(challenger);
        self.fund(&challenger_addr, CHALLENGE_BOND);
        let msg = registry::ExecuteMsg::ChallengeReport(ChallengeReportMsg {
            auditor: self.addr(auditor).to_string(),
            release_id: release_id.to_string(),
            evidence_uri: "ipfs://evidence".into(),
        });
        let registry = self.registry.clone();
        let res = self.execute(challenger, &registry, &msg, &[coin(CHALLENGE_BOND, DENOM)])?;
        Ok(attribute(&res, "challenge_id")
            .expect("challenge_id attribute")
            .parse()
            .expect("a number"))
    }

    /// Governance resolves a challenge (a passed proposal).
    pub fn resolve(
        &mut self,
        challenge_id: u64,
        uphold: bool,
        slash_ratio: Option<Decimal>,
    ) -> StdResult<u64> {
        let msg = Self::wasm_msg(
            &self.registry,
            &registry::ExecuteMsg::ResolveChallenge(RulingMsg {
                challenge_id,
                uphold,
                slash_ratio,
            }),
        );
        self.govern(vec![msg])
    }

    pub fn execute_slash(&mut self, name: &str, challenge_id: u64) -> StdResult<AppResponse> {
        let registry = self.registry.clone();
        self.execute(
            name,
            &registry,
            &registry::ExecuteMsg::ExecuteSlash { challenge_id },
            &[],
        )
    }

    pub fn audit_gate(&self, release_id: &str) -> AuditGateResponse {
        self.query(
            &self.registry,
            &registry::QueryMsg::AuditGate {
                release_id: release_id.to_string(),
            },
        )
        .expect("audit gate")
    }

    /// The newest report per auditor on the release (a first page of 100).
    pub fn reports(&self, release_id: &str) -> Vec<registry::ReportResponse> {
        let answer: registry::ReportsResponse = self
            .query(
                &self.registry,
                &registry::QueryMsg::Reports {
                    release_id: release_id.to_string(),
                    start_after: None,
                    limit: Some(100),
                },
            )
            .expect("reports");
        answer.reports
    }

    pub fn stake(&mut self, name: &str) -> StakeResponse {
        let auditor = self.addr(name).to_string();
        self.query(&self.registry, &registry::QueryMsg::Stake { auditor })
            .expect("stake")
    }

    // ---- council vote

    /// A signed ballot with a rationale by the council member `name`.
    pub fn vote(&mut self, name: &str, proposal_id: u64, vote: Vote) -> StdResult<AppResponse> {
        let rationale = Some(format!("{name} votes {vote:?}"));
        let payload = BallotSigningPayload {
            chain_id: self.chain_id(),
            contract: self.council.to_string(),
            proposal_id,
            vote,
            rationale: rationale.clone(),
        };
        let signature = self
            .key(name)
            .sign(&signing_digest(&payload).expect("digest"));
        let council = self.council.clone();
        self.execute(
            name,
            &council,
            &council::ExecuteMsg::Vote(VoteMsg {
                proposal_id,
                vote,
                rationale,
                signature: Some(signature),
            }),
            &[],
        )
    }

    /// Every current council member among the named accounts votes `vote`, in name order,
    /// until the proposal is decided (later ballots would be refused).
    pub fn vote_all(&mut self, proposal_id: u64, vote: Vote) -> StdResult<()> {
        let voters: Vec<String> = self.names.clone();
        for name in voters {
            if self.role(&name).is_none_or(|r| r.college().is_none()) {
                continue;
            }
            if self.proposal(proposal_id).status != council::ProposalStatus::Open {
                break;
            }
            self.vote(&name, proposal_id, vote)?;
        }
        Ok(())
    }

    /// Anyone closes a decided proposal (a release vote: delivers the decision).
    pub fn close(&mut self, proposal_id: u64) -> StdResult<AppResponse> {
        let council = self.council.clone();
        self.execute(
            "outsider",
            &council,
            &council::ExecuteMsg::Close { proposal_id },
            &[],
        )
    }

    pub fn proposal(&self, proposal_id: u64) -> ProposalResponse {
        self.query(&self.council, &council::QueryMsg::Proposal { proposal_id })
            .expect("proposal")
    }

    // ---- release

    pub fn propose_release(
        &mut self,
        ctr: &str,
        release_id: &str,
        version: &str,
    ) -> StdResult<AppResponse> {
        let release = self.release.clone();
        let msg = release::ExecuteMsg::Propose(ProposeReleaseMsg {
            release_id: release_id.to_string(),
            version: version.to_string(),
            source_uri: format!("ipfs://source-{}", &release_id[..8]),
            commit: Some(release_id[..40].to_string()),
            notes_uri: Some("https://berty.tech/releases/notes".into()),
        });
        self.execute(ctr, &release, &msg, &[])
    }

    /// Submits for a vote; the id of the vote opened.
    pub fn submit_for_vote(&mut self, ctr: &str, release_id: &str) -> StdResult<u64> {
        let release = self.release.clone();
        let msg = release::ExecuteMsg::SubmitForVote {
            release_id: release_id.to_string(),
        };
        let res = self.execute(ctr, &release, &msg, &[])?;
        Ok(attribute(&res, "proposal_id")
            .expect("proposal_id attribute")
            .parse()
            .expect("a number"))
    }

    /// The way most flows start: `ctr0` proposes `berty-{version}.tar.gz` and `auditor0`
    /// reports `go`. The release id.
    pub fn audited_release(&mut self, version: &str) -> String {
        let id = digest_of(&format!("berty-{version}.tar.gz"));
        self.propose_release("ctr0", &id, version).expect("propose");
        self.report("auditor0", &id, ReportStatus::Go)
            .expect("report");
        id
    }

    /// `audited_release`, then `ctr0` submits it. The release id and the id of the vote
    /// opened.
    pub fn submitted_release(&mut self, version: &str) -> (String, u64) {
        let id = self.audited_release(version);
        let proposal_id = self.submit_for_vote("ctr0", &id).expect("submit");
        (id, proposal_id)
    }

    /// `submitted_release`, then the council approves it: one block on (ballots count
    /// from the block after the vote opened), every member votes yes, the vote closes.
    pub fn approved_release(&mut self, version: &str) -> (String, u64) {
        let (id, proposal_id) = self.submitted_release(version);
        self.pass_vote(proposal_id);
        (id, proposal_id)
    }

    /// One block on (ballots count from the block after the vote opened), every member
    /// votes yes and the vote closes: passed.
    pub fn pass_vote(&mut self, proposal_id: u64) {
        self.next_block();
        self.vote_all(proposal_id, Vote::Yes).expect("votes");
        self.close(proposal_id).expect("close");
    }

    /// `ctr` submits the candidate `release_id` and the council approves it (`pass_vote`);
    /// the vote's id.
    pub fn approve(&mut self, ctr: &str, release_id: &str) -> u64 {
        let proposal_id = self.submit_for_vote(ctr, release_id).expect("submit");
        self.pass_vote(proposal_id);
        proposal_id
    }

    pub fn withdraw(
        &mut self,
        ctr: &str,
        release_id: &str,
        reason: &str,
    ) -> StdResult<AppResponse> {
        let release = self.release.clone();
        let msg = release::ExecuteMsg::Withdraw(WithdrawMsg {
            release_id: release_id.to_string(),
            reason: reason.to_string(),
        });
        self.execute(ctr, &release, &msg, &[])
    }

    pub fn finalize(
        &mut self,
        ctr: &str,
        release_id: &str,
        artifacts: Vec<Artifact>,
    ) -> StdResult<AppResponse> {
        let release = self.release.clone();
        let msg = release::ExecuteMsg::Finalize(FinalizeMsg {
            release_id: release_id.to_string(),
            artifacts,
            build: build_info(),
        });
        self.execute(ctr, &release, &msg, &[])
    }

    pub fn attest(
        &mut self,
        ctr: &str,
        release_id: &str,
        channel: &str,
        artifact_digest: &str,
    ) -> StdResult<AppResponse> {
        let release = self.release.clone();
        let msg = release::ExecuteMsg::AttestPublication(AttestPublicationMsg {
            release_id: release_id.to_string(),
            channel: channel.to_string(),
            artifact_digest: artifact_digest.to_string(),
            listing_uri: Some(format!("https://example.org/{channel}/berty")),
        });
        self.execute(ctr, &release, &msg, &[])
    }

    pub fn release_info(&self, release_id: &str) -> ReleaseResponse {
        self.query(
            &self.release,
            &release::QueryMsg::Release {
                release_id: release_id.to_string(),
            },
        )
        .expect("release")
    }

    pub fn gates(&self, release_id: &str) -> GatesResponse {
        self.query(
            &self.release,
            &release::QueryMsg::Gates {
                release_id: release_id.to_string(),
            },
        )
        .expect("gates")
    }
}

pub use crate::attribute;
