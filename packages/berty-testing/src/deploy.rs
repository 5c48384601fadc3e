//! The one way a test builds a DAO: the deployment plan `scripts/deploy.sh` follows
//! (`berty_deploy::plan`: salts, instantiate2 addresses, instantiate messages, labels and
//! admin) carried out on a cw-multi-test chain. Every suite is a view over a `Deployment`,
//! built by one `SuiteBuilder` from the deploy config's inputs (members, rules, staking,
//! disputes).
//!
//! A suite asks for the contracts it tests; each other one is a stand-in (`crate::mocks`)
//! at the address the plan gives it, so the contracts under test are wired to their peers
//! exactly as deployed. The plan's addresses come from the stored codes' checksums, the
//! stand-ins' included, and each instance is asserted to land where the plan says.

use std::marker::PhantomData;

use berty_deploy::{plan, Config, Plan, PlannedContract};
use berty_interface::audit_registry::StakingConfig;
use berty_interface::council_vote::Rules;
use berty_interface::membership::MemberInit;
use berty_interface::Role;
use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{Addr, Decimal, Empty, Uint128};
use cw_multi_test::{App, Executor};

use crate::membership::{member, ACTIVIST, TECHNOLOGIST};

pub use berty_deploy::{Contract, DisputesConfig};

/// The release contract's `app_name` in every suite.
pub const APP_NAME: &str = "berty";
/// Staked mode: the bond denom, the least bond, the unbonding period.
pub const DENOM: &str = "uberty";
pub const MIN_BOND: u128 = 1_000;
pub const UNBONDING_PERIOD: u64 = 86_400;
/// Disputes: the challenge (and appeal) bond and the appeal window.
pub const CHALLENGE_BOND: u128 = 100;
pub const APPEAL_WINDOW: u64 = 3_600;

/// Staked mode as the suites use it: `MIN_BOND` of `DENOM`, `UNBONDING_PERIOD`.
pub fn staking_config() -> StakingConfig {
    StakingConfig {
        denom: DENOM.into(),
        min_bond: Uint128::new(MIN_BOND),
        unbonding_period: UNBONDING_PERIOD,
    }
}

/// The chain's address maker, before the chain exists: `App::default()`'s API.
pub fn api() -> MockApi {
    MockApi::default()
}

/// A deployment config with these genesis members, `APP_NAME`, SPEC's default rules and
/// whitelist mode (no staking, no disputes): what a suite changes from.
pub fn config(members: Vec<MemberInit>) -> Config {
    Config {
        comment: None,
        app_name: APP_NAME.into(),
        members,
        rules: None,
        governance_rules: None,
        staking: None,
        disputes: None,
    }
}

/// A deployment of `config` in which only the contracts asked for (and membership, which
/// every contract reads) are real.
pub struct DeployBuilder {
    config: Config,
    real: [bool; 4],
}

impl DeployBuilder {
    pub fn new(config: Config) -> Self {
        DeployBuilder {
            config,
            real: [true, false, false, false],
        }
    }

    /// `contract` is the real one (its cargo feature must be on), not a stand-in.
    pub fn with(mut self, contract: Contract) -> Self {
        self.real[contract as usize] = true;
        self
    }

    /// Every contract real: the whole DAO.
    pub fn all(self) -> Self {
        Contract::ALL.into_iter().fold(self, Self::with)
    }

    /// The codes stored and the plan made, nothing instantiated yet.
    pub fn store(self) -> Deployment {
        let mut app = App::default();
        let deployer = app.api().addr_make("deployer");
        let code_ids: [u64; 4] =
            Contract::ALL.map(|c| app.store_code(code(c, self.real[c as usize])));
        let checksums = code_ids.map(|id| {
            let info = app.wrap().query_wasm_code_info(id).expect("code stored");
            info.checksum.to_hex()
        });
        let plan = plan(&self.config, deployer.as_str(), |artifact| {
            let i = Contract::ALL
                .iter()
                .position(|c| c.artifact() == artifact)?;
            Some(checksums[i].clone())
        })
        .expect("the deployment plan");
        let [membership, audit_registry, council_vote, release] =
            Contract::ALL.map(|c| Addr::unchecked(&plan.contracts[c as usize].address));
        Deployment {
            membership,
            audit_registry,
            council_vote,
            release,
            app,
            deployer,
            plan,
            code_ids,
        }
    }

    /// Stores the codes and instantiates the four contracts as planned, in the plan's order.
    pub fn deploy(self) -> Deployment {
        let mut deployment = self.store();
        for contract in Contract::ALL {
            deployment.instantiate(contract);
        }
        deployment
    }
}

/// The code of `contract`: the real entry points or its stand-in.
fn code(contract: Contract, real: bool) -> Box<dyn cw_multi_test::Contract<Empty>> {
    match (contract, real) {
        (Contract::Membership, _) => crate::contracts::membership(),
        #[cfg(feature = "registry")]
        (Contract::AuditRegistry, true) => crate::contracts::audit_registry(),
        #[cfg(feature = "council")]
        (Contract::CouncilVote, true) => crate::contracts::council_vote(),
        #[cfg(feature = "release")]
        (Contract::Release, true) => crate::contracts::release(),
        // a real contract whose feature is off
        #[allow(unreachable_patterns)]
        (contract, true) => panic!(
            "the real {} needs berty-testing's feature for it",
            contract.name()
        ),
        (Contract::AuditRegistry, false) => crate::mocks::registry(),
        (Contract::CouncilVote, false) => crate::mocks::council(),
        (Contract::Release, false) => crate::mock_release::contract(),
    }
}

/// A chain with the DAO's codes stored and its plan; the contracts as instantiated.
pub struct Deployment {
    pub app: App,
    pub deployer: Addr,
    pub plan: Plan,
    pub code_ids: [u64; 4],
    pub membership: Addr,
    pub audit_registry: Addr,
    pub council_vote: Addr,
    pub release: Addr,
}

impl Deployment {
    pub fn planned(&self, contract: Contract) -> &PlannedContract {
        &self.plan.contracts[contract as usize]
    }

    pub fn code_id(&self, contract: Contract) -> u64 {
        self.code_ids[contract as usize]
    }

    /// Instantiates `contract` as the plan says (a stand-in takes the planned message and
    /// ignores it); panics if it fails or lands elsewhere than planned.
    pub fn instantiate(&mut self, contract: Contract) -> Addr {
        let planned = self.planned(contract).clone();
        let addr = self
            .app
            .instantiate2_contract(
                self.code_id(contract),
                self.deployer.clone(),
                &planned.msg,
                &[],
                &planned.label,
                Some(planned.admin.clone()),
                planned.salt.as_bytes(),
            )
            .unwrap_or_else(|err| panic!("instantiate {}: {err:?}", planned.name));
        assert_eq!(
            addr.as_str(),
            planned.address,
            "{} as planned",
            planned.name
        );
        addr
    }
}

/// A suite: the contracts it tests for real, how it names accounts, and its view of a
/// deployment.
pub trait View: Sized {
    /// The real contracts (membership always is).
    const REAL: &'static [Contract];

    /// The address of the account `name`: `addr_make`'s, unless the suite signs with keys.
    fn addr_of(name: &str) -> Addr {
        api().addr_make(name)
    }

    fn view(built: Built) -> Self;
}

/// What a `SuiteBuilder` built: the deployment, the genesis members by name, the court and
/// the slash recipient (`court`, `treasury`).
pub struct Built {
    pub deployment: Deployment,
    pub genesis: Vec<(String, Role)>,
    pub court: Addr,
    pub treasury: Addr,
}

/// The one suite builder: genesis members (`activist0..`, `technologist0..`, `ctr0..`,
/// `auditor0..`, others by name or address), rules, staking and disputes, deployed as
/// planned and seen through the view `V`.
pub struct SuiteBuilder<V> {
    activists: usize,
    technologists: usize,
    ctrs: usize,
    auditors: usize,
    named: Vec<(String, Role)>,
    extra: Vec<(Addr, Role)>,
    seated: bool,
    rules: Option<Rules>,
    governance_rules: Option<Rules>,
    staking: Option<StakingConfig>,
    disputes: bool,
    court: bool,
    challenger_reward: Decimal,
    view: PhantomData<V>,
}

impl<V: View> SuiteBuilder<V> {
    /// `activists`, `technologists`, `ctrs` and `auditors` numbered members; default rules,
    /// whitelist mode (no staking; disputes with a court and a 10 % reward once staked).
    pub fn new(activists: usize, technologists: usize, ctrs: usize, auditors: usize) -> Self {
        SuiteBuilder {
            activists,
            technologists,
            ctrs,
            auditors,
            named: vec![],
            extra: vec![],
            seated: false,
            rules: None,
            governance_rules: None,
            staking: None,
            disputes: true,
            court: true,
            challenger_reward: Decimal::percent(10),
            view: PhantomData,
        }
    }

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

    /// A genesis member named as the view names accounts.
    pub fn with_member(mut self, name: &str, role: Role) -> Self {
        self.named.push((name.to_string(), role));
        self
    }

    /// A seat in each college the named members leave empty (`crate::with_council_seats`).
    pub fn seated(mut self) -> Self {
        self.seated = true;
        self
    }

    pub fn rules(mut self, rules: Rules) -> Self {
        self.rules = Some(rules);
        self
    }

    pub fn governance_rules(mut self, rules: Rules) -> Self {
        self.governance_rules = Some(rules);
        self
    }

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

    /// The deploy config of these inputs, with the genesis members by name.
    fn config(self) -> (Config, Vec<(String, Role)>, Addr, Addr) {
        let api = api();
        let (court, treasury) = (api.addr_make("court"), api.addr_make("treasury"));
        let numbered = |prefix: &str, n: usize, role: Role| {
            (0..n)
                .map(|i| (format!("{prefix}{i}"), role))
                .collect::<Vec<_>>()
        };
        let mut genesis = [
            numbered("activist", self.activists, ACTIVIST),
            numbered("technologist", self.technologists, TECHNOLOGIST),
            numbered("ctr", self.ctrs, Role::CoreTeamRep),
            numbered("auditor", self.auditors, Role::Auditor),
            self.named,
        ]
        .concat();
        if self.seated {
            genesis = crate::with_council_seats(genesis);
        }
        let mut members: Vec<MemberInit> = genesis
            .iter()
            .map(|(name, role)| member(&V::addr_of(name), *role))
            .collect();
        members.extend(self.extra.iter().map(|(addr, role)| member(addr, *role)));
        let mut config = config(members);
        config.rules = self.rules;
        config.governance_rules = self.governance_rules;
        config.disputes = (self.disputes && self.staking.is_some()).then(|| DisputesConfig {
            challenge_bond: Uint128::new(CHALLENGE_BOND),
            appeal_window: APPEAL_WINDOW,
            court: self.court.then(|| court.to_string()),
            slash_recipient: Some(treasury.to_string()),
            challenger_reward: self.challenger_reward,
        });
        config.staking = self.staking;
        (config, genesis, court, treasury)
    }

    /// Deploys as planned, the view's contracts real, the others stand-ins.
    pub fn build(self) -> V {
        let (config, genesis, court, treasury) = self.config();
        let deployment = V::REAL
            .iter()
            .fold(DeployBuilder::new(config), |b, c| b.with(*c))
            .deploy();
        V::view(Built {
            deployment,
            genesis,
            court,
            treasury,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use berty_interface::membership::{ConfigResponse, QueryMsg};

    #[test]
    fn stand_ins_hold_the_planned_addresses_and_membership_the_planned_wiring() {
        let api = api();
        let members = vec![
            member(&api.addr_make("a"), ACTIVIST),
            member(&api.addr_make("t"), TECHNOLOGIST),
        ];
        let deployment = DeployBuilder::new(config(members)).deploy();
        let q = deployment.app.wrap();
        for contract in Contract::ALL {
            let planned = deployment.planned(contract);
            let info = q.query_wasm_contract_info(&planned.address).unwrap();
            assert_eq!(info.code_id, deployment.code_id(contract));
            assert_eq!(info.admin.unwrap().as_str(), planned.admin);
            assert_eq!(planned.admin, deployment.plan.council_vote);
        }
        let config: ConfigResponse = q
            .query_wasm_smart(&deployment.membership, &QueryMsg::Config {})
            .unwrap();
        assert_eq!(config.owner, deployment.council_vote);
        assert_eq!(config.auditor_registrar, Some(deployment.audit_registry));
    }
}
