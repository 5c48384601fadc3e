//! The deployment plan of SPEC section 2, computed once for every way of deploying (the
//! deploy script on a real chain, the demo on the embedded chain): from a config file, the
//! creator's address and the four code checksums, the instantiate2 address of each
//! contract (salts `membership`, `audit-registry`, `council-vote`, `release`) and its
//! instantiate message, each naming its peers' addresses. Instantiate never queries a
//! peer, so the order does not matter; the plan lists membership first.

use bech32::{Bech32, Hrp};
use berty_interface::audit_registry::{self, DisputesMsg, StakingConfig};
use berty_interface::council_vote::{self, Rules};
use berty_interface::membership::{self, MemberInit};
use berty_interface::release;
use cosmwasm_std::{instantiate2_address, CanonicalAddr, Decimal, Uint128};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The four contracts: (name and salt, crate / artifact name).
pub const CONTRACTS: [(&str, &str); 4] = [
    ("membership", "berty_membership"),
    ("audit-registry", "berty_audit_registry"),
    ("council-vote", "berty_council_vote"),
    ("release", "berty_release"),
];

/// One of the four contracts, in `CONTRACTS`' (and the plan's) order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contract {
    Membership,
    AuditRegistry,
    CouncilVote,
    Release,
}

impl Contract {
    pub const ALL: [Contract; 4] = [
        Contract::Membership,
        Contract::AuditRegistry,
        Contract::CouncilVote,
        Contract::Release,
    ];

    /// Its name and instantiate2 salt (`membership`, `audit-registry`, ...).
    pub fn name(self) -> &'static str {
        CONTRACTS[self as usize].0
    }

    /// Its crate and artifact name (`berty_membership`, ...).
    pub fn artifact(self) -> &'static str {
        CONTRACTS[self as usize].1
    }
}

#[derive(Error, Debug, PartialEq)]
pub enum PlanError {
    #[error("invalid bech32 address {addr:?}: {reason}")]
    InvalidAddress { addr: String, reason: String },
    #[error("missing the code checksum of {contract}")]
    MissingChecksum { contract: String },
    #[error("checksum of {contract} must be 64 hex characters")]
    InvalidChecksum { contract: String },
    #[error("instantiate2 address of {contract}: {reason}")]
    Address { contract: String, reason: String },
}

/// Disputes in the config: `slash_recipient` defaults to the DAO (council-vote).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DisputesConfig {
    pub challenge_bond: Uint128,
    pub appeal_window: u64,
    pub court: Option<String>,
    pub slash_recipient: Option<String>,
    pub challenger_reward: Decimal,
}

/// `deploy/config.json`: what a deployment decides. Absent rules are SPEC 4.3's defaults.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Free text for people reading the file; ignored.
    #[serde(default, rename = "_comment", skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub app_name: String,
    /// Genesis members (Council of both colleges, CTRs, whitelisted auditors).
    pub members: Vec<MemberInit>,
    pub rules: Option<Rules>,
    pub governance_rules: Option<Rules>,
    pub staking: Option<StakingConfig>,
    pub disputes: Option<DisputesConfig>,
}

/// SPEC 4.3: voting period 7 days, no revoting, quorum 2/3 rounded down, threshold 1/2,
/// execution window 14 days.
pub fn default_rules() -> Rules {
    Rules::default()
}

/// One contract to instantiate.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PlannedContract {
    pub name: String,
    pub artifact: String,
    pub salt: String,
    pub address: String,
    pub label: String,
    /// The wasm admin (who may migrate): the DAO's governance, council-vote.
    pub admin: String,
    pub msg: serde_json::Value,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Plan {
    pub creator: String,
    pub membership: String,
    pub audit_registry: String,
    pub council_vote: String,
    pub release: String,
    pub contracts: Vec<PlannedContract>,
}

fn decode(addr: &str) -> Result<(Hrp, Vec<u8>), PlanError> {
    bech32::decode(addr).map_err(|err| PlanError::InvalidAddress {
        addr: addr.to_string(),
        reason: err.to_string(),
    })
}

/// The instantiate2 address wasmd gives `creator`'s instance of the code with `checksum`
/// under `salt`, in the creator's bech32 prefix.
pub fn predict_address(creator: &str, checksum: &[u8], salt: &str) -> Result<String, PlanError> {
    let (hrp, creator_bytes) = decode(creator)?;
    let canonical = instantiate2_address(
        checksum,
        &CanonicalAddr::from(creator_bytes),
        salt.as_bytes(),
    )
    .map_err(|err| PlanError::Address {
        contract: salt.to_string(),
        reason: err.to_string(),
    })?;
    bech32::encode::<Bech32>(hrp, canonical.as_slice()).map_err(|err| PlanError::Address {
        contract: salt.to_string(),
        reason: err.to_string(),
    })
}

/// The plan for `config`, deployed by `creator`, with `checksums` of the artifacts by
/// contract name (hex sha256, as in artifacts/checksums.txt).
pub fn plan(
    config: &Config,
    creator: &str,
    checksum_of: impl Fn(&str) -> Option<String>,
) -> Result<Plan, PlanError> {
    decode(creator)?;
    let mut addresses = Vec::new();
    for (name, artifact) in CONTRACTS {
        let hex_sum = checksum_of(artifact).ok_or_else(|| PlanError::MissingChecksum {
            contract: name.to_string(),
        })?;
        let bytes = hex::decode(hex_sum.trim())
            .ok()
            .filter(|b| b.len() == 32)
            .ok_or_else(|| PlanError::InvalidChecksum {
                contract: name.to_string(),
            })?;
        addresses.push(predict_address(creator, &bytes, name)?);
    }
    let [membership_addr, registry_addr, council_addr, release_addr] =
        <[String; 4]>::try_from(addresses).expect("four contracts");
    let json = |value: serde_json::Result<serde_json::Value>| value.expect("messages serialize");
    let messages = [
        json(serde_json::to_value(membership::InstantiateMsg {
            owner: council_addr.clone(),
            auditor_registrar: Some(registry_addr.clone()),
            members: config.members.clone(),
        })),
        json(serde_json::to_value(audit_registry::InstantiateMsg {
            membership: membership_addr.clone(),
            release: release_addr.clone(),
            governance: council_addr.clone(),
            staking: config.staking.clone(),
            disputes: config.disputes.clone().map(|d| DisputesMsg {
                challenge_bond: d.challenge_bond,
                appeal_window: d.appeal_window,
                court: d.court,
                slash_recipient: d.slash_recipient.unwrap_or_else(|| council_addr.clone()),
                challenger_reward: d.challenger_reward,
            }),
        })),
        json(serde_json::to_value(council_vote::InstantiateMsg {
            membership: membership_addr.clone(),
            release: release_addr.clone(),
            rules: config.rules.clone().unwrap_or_else(default_rules),
            governance_rules: config.governance_rules.clone(),
        })),
        json(serde_json::to_value(release::InstantiateMsg {
            membership: membership_addr.clone(),
            audit_registry: registry_addr.clone(),
            council_vote: council_addr.clone(),
            app_name: config.app_name.clone(),
        })),
    ];
    let address_list = [
        &membership_addr,
        &registry_addr,
        &council_addr,
        &release_addr,
    ];
    let contracts = CONTRACTS
        .iter()
        .zip(messages)
        .zip(address_list)
        .map(|(((name, artifact), msg), address)| PlannedContract {
            name: name.to_string(),
            artifact: artifact.to_string(),
            salt: name.to_string(),
            address: address.clone(),
            label: format!("berty-dao {name}"),
            admin: council_addr.clone(),
            msg,
        })
        .collect();
    Ok(Plan {
        creator: creator.to_string(),
        membership: membership_addr,
        audit_registry: registry_addr,
        council_vote: council_addr,
        release: release_addr,
        contracts,
    })
}

/// The plan for a shell: one contract a line, `name artifact salt address label admin msg`
/// separated by tabs, the message as compact JSON (which escapes any tab or newline).
pub fn plan_tsv(plan: &Plan) -> String {
    plan.contracts
        .iter()
        .map(|c| {
            [
                c.name.as_str(),
                &c.artifact,
                &c.salt,
                &c.address,
                &c.label,
                &c.admin,
                &c.msg.to_string(),
            ]
            .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads `artifacts/checksums.txt` lines (`<hex>  <name>.wasm`) into a lookup by name.
pub fn parse_checksums(text: &str) -> impl Fn(&str) -> Option<String> + '_ {
    move |artifact: &str| {
        text.lines().find_map(|line| {
            let (sum, file) = line.split_once(char::is_whitespace)?;
            (file.trim() == format!("{artifact}.wasm")).then(|| sum.to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use berty_interface::Role;
    use cosmwasm_std::testing::MockApi;
    use cosmwasm_std::{Api, Checksum};

    const CHECKSUMS: &str = "\
1111111111111111111111111111111111111111111111111111111111111111  berty_audit_registry.wasm
2222222222222222222222222222222222222222222222222222222222222222  berty_council_vote.wasm
3333333333333333333333333333333333333333333333333333333333333333  berty_membership.wasm
4444444444444444444444444444444444444444444444444444444444444444  berty_release.wasm
";

    fn config() -> Config {
        serde_json::from_str(include_str!("../../../deploy/config.json")).unwrap()
    }

    #[test]
    fn addresses_are_wasmd_instantiate2_addresses() {
        let api = MockApi::default();
        let creator = api.addr_make("deployer");
        let checksum = Checksum::from_hex(&"33".repeat(32)).unwrap();
        let expected = api
            .addr_humanize(
                &instantiate2_address(
                    checksum.as_slice(),
                    &api.addr_canonicalize(creator.as_str()).unwrap(),
                    b"membership",
                )
                .unwrap(),
            )
            .unwrap();
        let got = predict_address(creator.as_str(), checksum.as_slice(), "membership").unwrap();
        assert_eq!(got, expected.to_string());
    }

    #[test]
    fn plan_wires_every_peer_and_governance() {
        let api = MockApi::default();
        let creator = api.addr_make("deployer").to_string();
        let plan = plan(&config(), &creator, parse_checksums(CHECKSUMS)).unwrap();
        let names: Vec<&str> = plan.contracts.iter().map(|c| c.salt.as_str()).collect();
        assert_eq!(
            names,
            ["membership", "audit-registry", "council-vote", "release"]
        );
        let msg = |i: usize| &plan.contracts[i].msg;
        assert_eq!(msg(0)["owner"], plan.council_vote.as_str());
        assert_eq!(msg(0)["auditor_registrar"], plan.audit_registry.as_str());
        assert_eq!(msg(1)["governance"], plan.council_vote.as_str());
        assert_eq!(msg(1)["release"], plan.release.as_str());
        assert_eq!(msg(2)["membership"], plan.membership.as_str());
        assert_eq!(
            msg(2)["rules"]["activists"]["quorum"],
            "0.666666666666666666"
        );
        assert_eq!(msg(3)["audit_registry"], plan.audit_registry.as_str());
        assert_eq!(msg(3)["council_vote"], plan.council_vote.as_str());
        assert!(plan.contracts.iter().all(|c| c.admin == plan.council_vote));
        let members: Vec<MemberInit> = serde_json::from_value(msg(0)["members"].clone()).unwrap();
        assert!(members.iter().any(|m| m.role == Role::CoreTeamRep));
    }

    #[test]
    fn the_tsv_plan_has_one_line_of_seven_fields_per_contract() {
        let api = MockApi::default();
        let creator = api.addr_make("deployer").to_string();
        let plan = plan(&config(), &creator, parse_checksums(CHECKSUMS)).unwrap();
        let tsv = plan_tsv(&plan);
        let lines: Vec<&str> = tsv.lines().collect();
        assert_eq!(lines.len(), 4);
        for (line, contract) in lines.iter().zip(&plan.contracts) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 7, "{line}");
            assert_eq!(fields[3], contract.address);
            assert_eq!(fields[4], format!("berty-dao {}", contract.name));
            let msg: serde_json::Value = serde_json::from_str(fields[6]).unwrap();
            assert_eq!(msg, contract.msg);
        }
    }

    #[test]
    fn plan_errors_name_what_is_wrong() {
        let api = MockApi::default();
        let creator = api.addr_make("deployer").to_string();
        assert!(matches!(
            plan(&config(), "not-bech32", parse_checksums(CHECKSUMS)),
            Err(PlanError::InvalidAddress { .. })
        ));
        assert_eq!(
            plan(&config(), &creator, parse_checksums("")),
            Err(PlanError::MissingChecksum {
                contract: "membership".into()
            })
        );
        let short = CHECKSUMS.replace("3333", "33");
        assert_eq!(
            plan(&config(), &creator, parse_checksums(&short)),
            Err(PlanError::InvalidChecksum {
                contract: "membership".into()
            })
        );
    }
}
