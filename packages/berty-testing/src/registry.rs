//! An audit registry on a cw-multi-test chain, deployed as planned: wired to the real
//! membership contract (the registry is its auditor registrar), to the release contract's
//! stand-in (`crate::mock_release`) and governed by council-vote's planned address (a
//! stand-in the tests send as), with a helper per message and per query.

use berty_hashlog::LogHead;
use berty_interface::audit_registry::ChallengeReportMsg;
use berty_interface::audit_registry::RulingMsg;
use berty_interface::audit_registry::SubmitReportMsg;
use berty_interface::audit_registry::UpdateRegistryConfigMsg;
use berty_interface::audit_registry::{
    AuditGateResponse, ChallengeResponse, ChallengeStatus, ChallengesResponse, ConfigResponse,
    ExecuteMsg, QueryMsg, ReportLogResponse, ReportResponse, ReportStatus, ReportsResponse,
    StakeResponse,
};
use berty_interface::audit_registry::{DisputesMsg, StakingConfig};
use berty_interface::membership::{self, MemberInit};
use berty_interface::release::ReleaseStatus;
use berty_interface::signing::{signing_digest, ReportSigningPayload};
use berty_interface::Role;
use cosmwasm_std::{coin, Addr, Binary, Coin, Decimal, StdResult, Timestamp, Uint128};
use cw_multi_test::{App, AppResponse, Executor};

use crate::deploy::{Built, Contract, SuiteBuilder, View};
use crate::keys::TestKey;
use crate::mock_release;

pub use crate::deploy::{
    staking_config, APPEAL_WINDOW, CHALLENGE_BOND, DENOM, MIN_BOND, UNBONDING_PERIOD,
};

/// A release id (a sha256 digest) named by `name`.
pub fn release_id(name: &str) -> String {
    berty_hashlog::hash::to_hex(&berty_hashlog::sha256(name.as_bytes()))
}

/// A report digest named by `name`.
pub fn digest(name: &str) -> String {
    release_id(&format!("report:{name}"))
}

/// Builds a suite: whitelist or staked, genesis members named as `addr_make` names them,
/// with a seat in each college they leave empty.
pub type RegistrySuiteBuilder = SuiteBuilder<RegistrySuite>;

impl View for RegistrySuite {
    const REAL: &'static [Contract] = &[Contract::AuditRegistry];

    fn view(built: Built) -> Self {
        let deployment = built.deployment;
        RegistrySuite {
            code_id: deployment.code_id(Contract::AuditRegistry),
            app: deployment.app,
            contract: deployment.audit_registry,
            membership: deployment.membership,
            release: deployment.release,
            governance: deployment.council_vote,
            court: built.court,
            slash_recipient: built.treasury,
        }
    }
}

pub struct RegistrySuite {
    pub app: App,
    pub contract: Addr,
    pub code_id: u64,
    pub membership: Addr,
    pub release: Addr,
    pub governance: Addr,
    pub court: Addr,
    pub slash_recipient: Addr,
}

impl RegistrySuite {
    /// Whitelist mode: no staking, no disputes.
    pub fn whitelist() -> RegistrySuiteBuilder {
        SuiteBuilder::new(0, 0, 0, 0).seated().without_disputes()
    }

    /// Staked mode with disputes and a court.
    pub fn staked() -> RegistrySuiteBuilder {
        SuiteBuilder::new(0, 0, 0, 0)
            .seated()
            .with_staking(staking_config())
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    pub fn now(&self) -> Timestamp {
        self.app.block_info().time
    }

    clock_and_bank_helpers!();

    pub fn registry_balance(&self) -> u128 {
        self.balance(&self.contract)
    }

    // membership and release

    pub fn role(&self, addr: &Addr) -> Option<Role> {
        let answer: membership::MemberResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                &self.membership,
                &membership::QueryMsg::Member {
                    addr: addr.to_string(),
                    at_height: None,
                },
            )
            .unwrap();
        answer.role
    }

    /// The member answer of membership (`barred` included).
    pub fn member(&self, addr: &Addr) -> membership::MemberResponse {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.membership,
                &membership::QueryMsg::Member {
                    addr: addr.to_string(),
                    at_height: None,
                },
            )
            .unwrap()
    }

    /// Governance adds (or changes) members directly in membership.
    pub fn set_members(&mut self, add: &[(&Addr, Role)], remove: &[&Addr]) {
        let msg = membership::ExecuteMsg::UpdateMembers {
            add: add
                .iter()
                .map(|(addr, role)| MemberInit {
                    addr: addr.to_string(),
                    role: *role,
                })
                .collect(),
            remove: remove.iter().map(|a| a.to_string()).collect(),
        };
        self.app
            .execute_contract(self.governance.clone(), self.membership.clone(), &msg, &[])
            .expect("update members");
    }

    pub fn register_pubkey(&mut self, key: &TestKey) -> StdResult<AppResponse> {
        let sender = key.addr(self.app.api());
        let msg = membership::ExecuteMsg::RegisterPubkey {
            pubkey: key.pubkey(),
        };
        self.app
            .execute_contract(sender, self.membership.clone(), &msg, &[])
    }

    pub fn set_release_status(&mut self, release_id: &str, status: ReleaseStatus) {
        mock_release::set_status(&mut self.app, &self.release, release_id, status);
    }

    /// A candidate in `auditing`, named by `name`; returns its id.
    pub fn candidate(&mut self, name: &str) -> String {
        let id = release_id(name);
        self.set_release_status(&id, ReleaseStatus::Auditing);
        id
    }

    /// A new candidate `rc1` on which `auditor`, bonded `MIN_BOND` (staked mode), has
    /// reported `status`: what every dispute starts from. The release id.
    pub fn bonded_report(&mut self, auditor: &Addr, status: ReportStatus) -> String {
        let rc = self.candidate("rc1");
        self.bond(auditor, MIN_BOND).expect("bond");
        self.submit_report(auditor, &rc, status).expect("report");
        rc
    }

    // execute

    pub fn execute(
        &mut self,
        sender: &Addr,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> StdResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.contract.clone(), msg, funds)
    }

    /// The error text of a message that must fail.
    pub fn execute_err(&mut self, sender: &Addr, msg: &ExecuteMsg, funds: &[Coin]) -> String {
        self.execute(sender, msg, funds)
            .expect_err("message should fail")
            .to_string()
    }

    /// Funds `sender` with `amount` and bonds it.
    pub fn bond(&mut self, sender: &Addr, amount: u128) -> StdResult<AppResponse> {
        self.fund(sender, amount);
        self.execute(sender, &ExecuteMsg::Bond {}, &[coin(amount, DENOM)])
    }

    pub fn unbond(&mut self, sender: &Addr, amount: u128) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::Unbond {
            amount: Uint128::new(amount),
        };
        self.execute(sender, &msg, &[])
    }

    pub fn claim(&mut self, sender: &Addr) -> StdResult<AppResponse> {
        self.execute(sender, &ExecuteMsg::Claim {}, &[])
    }

    pub fn report_msg(
        release_id: &str,
        status: ReportStatus,
        signature: Option<Binary>,
    ) -> ExecuteMsg {
        ExecuteMsg::SubmitReport(SubmitReportMsg {
            release_id: release_id.to_string(),
            status,
            report_uri: format!("ipfs://report-{}", &release_id[..8]),
            report_digest: digest(release_id),
            signature,
        })
    }

    pub fn submit_report(
        &mut self,
        sender: &Addr,
        release_id: &str,
        status: ReportStatus,
    ) -> StdResult<AppResponse> {
        self.execute(sender, &Self::report_msg(release_id, status, None), &[])
    }

    /// The signature `key` makes over the canonical digest of the report `report_msg` builds.
    pub fn sign_report(&self, key: &TestKey, release_id: &str, status: ReportStatus) -> Binary {
        let ExecuteMsg::SubmitReport(SubmitReportMsg {
            report_uri,
            report_digest,
            ..
        }) = Self::report_msg(release_id, status, None)
        else {
            unreachable!()
        };
        let payload = ReportSigningPayload {
            chain_id: self.app.block_info().chain_id,
            contract: self.contract.to_string(),
            release_id: release_id.to_string(),
            status,
            report_uri,
            report_digest,
        };
        key.sign(&signing_digest(&payload).unwrap())
    }

    pub fn challenge_msg(auditor: &Addr, release_id: &str) -> ExecuteMsg {
        ExecuteMsg::ChallengeReport(ChallengeReportMsg {
            auditor: auditor.to_string(),
            release_id: release_id.to_string(),
            evidence_uri: "ipfs://evidence".into(),
        })
    }

    /// Funds `challenger` with the challenge bond and challenges; returns the challenge id.
    pub fn challenge(
        &mut self,
        challenger: &Addr,
        auditor: &Addr,
        release_id: &str,
    ) -> StdResult<u64> {
        self.fund(challenger, CHALLENGE_BOND);
        let res = self.execute(
            challenger,
            &Self::challenge_msg(auditor, release_id),
            &[coin(CHALLENGE_BOND, DENOM)],
        )?;
        Ok(attribute(&res, "challenge_id")
            .expect("challenge_id attribute")
            .parse()
            .unwrap())
    }

    pub fn resolve(
        &mut self,
        challenge_id: u64,
        uphold: bool,
        ratio: Option<Decimal>,
    ) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::ResolveChallenge(RulingMsg {
            challenge_id,
            uphold,
            slash_ratio: ratio,
        });
        let governance = self.governance.clone();
        self.execute(&governance, &msg, &[])
    }

    /// Funds the auditor with the appeal bond and appeals.
    pub fn appeal(&mut self, auditor: &Addr, challenge_id: u64) -> StdResult<AppResponse> {
        self.fund(auditor, CHALLENGE_BOND);
        self.execute(
            auditor,
            &ExecuteMsg::Appeal { challenge_id },
            &[coin(CHALLENGE_BOND, DENOM)],
        )
    }

    pub fn rule(
        &mut self,
        challenge_id: u64,
        uphold: bool,
        ratio: Option<Decimal>,
    ) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::Rule(RulingMsg {
            challenge_id,
            uphold,
            slash_ratio: ratio,
        });
        let court = self.court.clone();
        self.execute(&court, &msg, &[])
    }

    pub fn execute_slash(&mut self, sender: &Addr, challenge_id: u64) -> StdResult<AppResponse> {
        self.execute(sender, &ExecuteMsg::ExecuteSlash { challenge_id }, &[])
    }

    /// Governance sends `update_config`.
    pub fn update_config(&mut self, msg: ExecuteMsg) -> StdResult<AppResponse> {
        let governance = self.governance.clone();
        self.execute(&governance, &msg, &[])
    }

    /// Governance changes the staking and disputes settings (`None`: left as they are),
    /// keeping the peers.
    pub fn update_settings(
        &mut self,
        staking: Option<StakingConfig>,
        disputes: Option<DisputesMsg>,
    ) -> StdResult<AppResponse> {
        self.update_config(ExecuteMsg::UpdateConfig(UpdateRegistryConfigMsg {
            membership: None,
            release: None,
            staking,
            disputes,
        }))
    }

    // queries

    query_helpers!(contract, QueryMsg);

    pub fn config(&self) -> ConfigResponse {
        self.query(&QueryMsg::Config {}).unwrap()
    }

    pub fn stake(&self, auditor: &Addr) -> StakeResponse {
        self.query(&QueryMsg::Stake {
            auditor: auditor.to_string(),
        })
        .unwrap()
    }

    pub fn gate(&self, release_id: &str) -> AuditGateResponse {
        self.query(&QueryMsg::AuditGate {
            release_id: release_id.to_string(),
        })
        .unwrap()
    }

    pub fn report(&self, release_id: &str, auditor: &Addr) -> StdResult<ReportResponse> {
        self.query(&QueryMsg::Report {
            release_id: release_id.to_string(),
            auditor: auditor.to_string(),
        })
    }

    pub fn reports(
        &self,
        release_id: &str,
        start_after: Option<&Addr>,
        limit: Option<u32>,
    ) -> ReportsResponse {
        self.query(&QueryMsg::Reports {
            release_id: release_id.to_string(),
            start_after: start_after.map(Addr::to_string),
            limit,
        })
        .unwrap()
    }

    pub fn history(
        &self,
        release_id: &str,
        auditor: &Addr,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> StdResult<ReportsResponse> {
        self.query(&QueryMsg::ReportHistory {
            release_id: release_id.to_string(),
            auditor: auditor.to_string(),
            start_after,
            limit,
        })
    }

    pub fn challenge_info(&self, challenge_id: u64) -> ChallengeResponse {
        self.query(&QueryMsg::Challenge { challenge_id }).unwrap()
    }

    pub fn challenges(
        &self,
        auditor: Option<&Addr>,
        status: Option<ChallengeStatus>,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> ChallengesResponse {
        self.query(&QueryMsg::Challenges {
            auditor: auditor.map(Addr::to_string),
            status,
            start_after,
            limit,
        })
        .unwrap()
    }

    pub fn report_log(
        &self,
        release_id: &str,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> ReportLogResponse {
        self.query(&QueryMsg::ReportLog {
            release_id: release_id.to_string(),
            start_after,
            limit,
        })
        .unwrap()
    }

    pub fn report_log_head(&self, release_id: &str) -> LogHead {
        self.query(&QueryMsg::ReportLogHead {
            release_id: release_id.to_string(),
        })
        .unwrap()
    }
}

pub use crate::attribute;

/// The contracts a message ran, in order (the `_contract_address` of each `execute` event).
pub fn contracts_run(res: &AppResponse) -> Vec<Addr> {
    res.events
        .iter()
        .filter(|e| e.ty == "execute")
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key == "_contract_address")
        .map(|a| Addr::unchecked(a.value.clone()))
        .collect()
}
