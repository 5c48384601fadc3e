//! An audit registry on a cw-multi-test chain, wired to the real membership contract
//! (the registry is its auditor registrar) and to the mock release contract, with a
//! helper per message and per query.

use berty_interface::audit_registry::ChallengeReportMsg;
use berty_interface::audit_registry::RulingMsg;
use berty_interface::audit_registry::SubmitReportMsg;
use berty_interface::audit_registry::{
    AuditGateResponse, ChallengeResponse, ChallengeStatus, ChallengesResponse, ConfigResponse,
    DisputesMsg, ExecuteMsg, InstantiateMsg, QueryMsg, ReportLogResponse, ReportResponse,
    ReportStatus, ReportsResponse, StakeResponse, StakingConfig,
};
use berty_interface::membership::{self, MemberInit};
use berty_interface::release::ReleaseStatus;
use berty_interface::signing::{signing_digest, ReportSigningPayload};
use berty_interface::Role;
use berty_trail::LogHead;
use cosmwasm_std::{coin, Addr, Binary, Coin, Decimal, StdResult, Timestamp, Uint128};
use cw_multi_test::{App, AppResponse, BankSudo, Executor, SudoMsg};

use crate::keys::TestKey;
use crate::mock_release;

pub const DENOM: &str = "uberty";
pub const MIN_BOND: u128 = 1_000;
pub const UNBONDING_PERIOD: u64 = 86_400;
pub const CHALLENGE_BOND: u128 = 100;
pub const APPEAL_WINDOW: u64 = 3_600;

/// A release id (a sha256 digest) named by `name`.
pub fn release_id(name: &str) -> String {
    berty_trail::hash::to_hex(&berty_trail::sha256(name.as_bytes()))
}

/// A report digest named by `name`.
pub fn digest(name: &str) -> String {
    release_id(&format!("report:{name}"))
}

pub fn staking_config() -> StakingConfig {
    StakingConfig {
        denom: DENOM.into(),
        min_bond: Uint128::new(MIN_BOND),
        unbonding_period: UNBONDING_PERIOD,
    }
}

pub struct RegistrySuiteBuilder {
    staking: Option<StakingConfig>,
    disputes: bool,
    court: bool,
    challenger_reward: Decimal,
    members: Vec<(String, Role)>,
}

impl RegistrySuiteBuilder {
    pub fn with_staking(mut self, staking: StakingConfig) -> Self {
        self.staking = Some(staking);
        self
    }

    pub fn without_disputes(mut self) -> Self {
        self.disputes = false;
        self
    }

    pub fn without_court(mut self) -> Self {
        self.court = false;
        self
    }

    pub fn with_challenger_reward(mut self, reward: Decimal) -> Self {
        self.challenger_reward = reward;
        self
    }

    /// A genesis member of membership, named as `addr_make` names it.
    pub fn with_member(mut self, name: &str, role: Role) -> Self {
        self.members.push((name.to_string(), role));
        self
    }

    pub fn build(self) -> RegistrySuite {
        let mut app = App::default();
        let api = app.api();
        let governance = api.addr_make("governance");
        let court = api.addr_make("court");
        let slash_recipient = api.addr_make("treasury");
        let deployer = api.addr_make("deployer");
        let members = crate::with_council_seats(self.members)
            .iter()
            .map(|(name, role)| MemberInit {
                addr: api.addr_make(name).to_string(),
                role: *role,
            })
            .collect();
        let membership_code = app.store_code(crate::contracts::membership());
        let membership = app
            .instantiate_contract(
                membership_code,
                deployer.clone(),
                &membership::InstantiateMsg {
                    owner: governance.to_string(),
                    auditor_registrar: None,
                    members,
                },
                &[],
                "membership",
                None,
            )
            .expect("instantiate membership");
        let release = mock_release::instantiate_mock(&mut app, &deployer);
        let disputes = (self.disputes && self.staking.is_some()).then(|| DisputesMsg {
            challenge_bond: Uint128::new(CHALLENGE_BOND),
            appeal_window: APPEAL_WINDOW,
            court: self.court.then(|| court.to_string()),
            slash_recipient: slash_recipient.to_string(),
            challenger_reward: self.challenger_reward,
        });
        let msg = InstantiateMsg {
            membership: membership.to_string(),
            release: release.to_string(),
            governance: governance.to_string(),
            staking: self.staking,
            disputes,
        };
        let code_id = app.store_code(crate::contracts::audit_registry());
        let contract = app
            .instantiate_contract(
                code_id,
                deployer.clone(),
                &msg,
                &[],
                "audit-registry",
                Some(governance.to_string()),
            )
            .expect("instantiate audit registry");
        app.execute_contract(
            governance.clone(),
            membership.clone(),
            &membership::ExecuteMsg::SetRegistrar {
                addr: contract.to_string(),
            },
            &[],
        )
        .expect("set the registry as auditor registrar");
        RegistrySuite {
            app,
            contract,
            code_id,
            membership,
            release,
            governance,
            court,
            slash_recipient,
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
        RegistrySuiteBuilder {
            staking: None,
            disputes: false,
            court: true,
            challenger_reward: Decimal::percent(10),
            members: vec![],
        }
    }

    /// Staked mode with disputes and a court.
    pub fn staked() -> RegistrySuiteBuilder {
        RegistrySuiteBuilder {
            staking: Some(staking_config()),
            disputes: true,
            court: true,
            challenger_reward: Decimal::percent(10),
            members: vec![],
        }
    }

    pub fn addr(&self, name: &str) -> Addr {
        self.app.api().addr_make(name)
    }

    pub fn now(&self) -> Timestamp {
        self.app.block_info().time
    }

    /// Moves time (and one block) forward.
    pub fn advance(&mut self, seconds: u64) {
        self.app.update_block(|block| {
            block.height += 1;
            block.time = block.time.plus_seconds(seconds);
        });
    }

    /// Mints `amount` of the staking denom to `addr`.
    pub fn fund(&mut self, addr: &Addr, amount: u128) {
        self.app
            .sudo(SudoMsg::Bank(BankSudo::Mint {
                to_address: addr.to_string(),
                amount: vec![coin(amount, DENOM)],
            }))
            .expect("mint");
    }

    pub fn balance(&self, addr: &Addr) -> u128 {
        let amount = self.app.wrap().query_balance(addr, DENOM).unwrap().amount;
        amount.to_string().parse().unwrap()
    }

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

    // queries

    pub fn query<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> StdResult<T> {
        self.app.wrap().query_wasm_smart(self.contract.clone(), msg)
    }

    /// A query that must fail, with its error text.
    pub fn query_err(&self, msg: &QueryMsg) -> String {
        self.query::<serde_json::Value>(msg)
            .expect_err("query should fail")
            .to_string()
    }

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

/// The value of the first `wasm` event attribute named `key`.
pub fn attribute(res: &AppResponse, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

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
