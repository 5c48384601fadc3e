//! A run of the Berty process as data: every transaction the demo sent on the embedded chain
//! (who sent what to which contract, with which funds, how long after the one before,
//! whether it had to be refused and with which text), the gas the embedded chain charged
//! for it, and the balances and answers that had to hold around it. `berty-demo --run FILE`
//! writes it; `berty-e2e replay` sends the same transactions to a real node through its
//! CLI and checks the same outcomes, so the process is defined once, in the demo.

use std::collections::BTreeMap;

use cosmwasm_std::Coin;
use serde::{Deserialize, Serialize};

use crate::GasUsed;

pub const RUN_VERSION: u32 = 1;

/// A recorded run.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Run {
    pub version: u32,
    /// What was run: `whitelist`, `staked`, `cw3`.
    pub name: String,
    /// The chain id the run was made for (signatures and trail hashes depend on it).
    pub chain_id: String,
    /// The deployment config, if the run deployed one with `scripts/deploy.sh`.
    pub config: Option<String>,
    /// Who deployed (a key name).
    pub deployer: String,
    /// Everyone who acts, by key name (seed `berty-demo/<name>`): their addresses.
    pub keys: BTreeMap<String, String>,
    /// The contracts, by name: their addresses (planned, or created by the run's steps).
    pub contracts: BTreeMap<String, String>,
    /// What the deployment cost on the embedded chain, per contract in plan order (when
    /// the contracts are deployed by `scripts/deploy.sh`, not by steps).
    pub deploy: Vec<DeployGas>,
    /// The release the run took to `released`, for the export.
    pub released: Option<String>,
    pub steps: Vec<Step>,
}

/// The embedded chain's gas for deploying one contract.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DeployGas {
    pub contract: String,
    /// The upload's message part (decompression, compilation, code info).
    pub store: u64,
    pub instantiate: GasUsed,
}

/// One transaction of the run.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Step {
    /// What a reader sees, e.g. "alice votes yes on 1".
    pub what: String,
    /// A short name for the table of gas (`register_pubkey`, `vote`, ...).
    pub label: String,
    /// The sender's key name.
    pub sender: String,
    pub action: Action,
    /// Seconds of chain time that must pass after the previous step before this one.
    pub wait_seconds: u64,
    pub expect: Expect,
    /// The gas limit of the message part, when the run gives one on purpose (too little).
    pub gas_limit: Option<u64>,
    /// The embedded chain's gas (absent for a refusal).
    pub gas: Option<GasUsed>,
    /// Balances that had to be these before and after the step.
    pub balances: Vec<Balance>,
    /// Queries whose answers the step must leave as they were.
    pub unchanged: Vec<Query>,
    /// Queries after the step, with (part of) the answer they must give.
    pub checks: Vec<Check>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Action {
    /// `wasmd tx wasm execute CONTRACT MSG [--amount FUNDS]`.
    Execute {
        contract: String,
        /// The exact JSON text sent (possibly malformed on purpose).
        msg: String,
        funds: Vec<Coin>,
    },
    /// `wasmd tx wasm store FILE` (the code id is remembered under `artifact`).
    Store { artifact: String, file: String },
    /// `wasmd tx wasm instantiate2 CODE MSG SALT --label --admin|--no-admin`.
    Instantiate2 {
        artifact: String,
        msg: String,
        salt: String,
        label: String,
        admin: Option<String>,
        /// Where it must land.
        address: String,
    },
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// Included and successful.
    Ok,
    /// Refused, with this text from the contract (a node refuses it in simulation, so the
    /// transaction is never sent).
    Refused { error: String },
    /// Included and failed for want of gas, changing nothing.
    OutOfGas,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Balance {
    /// A key name or a contract name.
    pub who: String,
    pub address: String,
    pub denom: String,
    pub before: String,
    pub after: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Query {
    /// A contract address.
    pub contract: String,
    pub msg: serde_json::Value,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Check {
    pub query: Query,
    /// Every field given here must be in the answer with this value (objects are compared
    /// field by field, anything else exactly).
    pub expect: serde_json::Value,
}

/// Whether `answer` holds every field of `expect` with its value.
pub fn matches(answer: &serde_json::Value, expect: &serde_json::Value) -> bool {
    match (answer, expect) {
        (serde_json::Value::Object(a), serde_json::Value::Object(e)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|got| matches(got, v))),
        (a, e) => a == e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_check_matches_a_part_of_the_answer() {
        let answer = json!({"status": "approved", "proposal_id": 2, "gates": {"audit": {"passed": true, "blockers": []}}});
        assert!(matches(&answer, &json!({"status": "approved"})));
        assert!(matches(
            &answer,
            &json!({"gates": {"audit": {"passed": true}}})
        ));
        assert!(!matches(&answer, &json!({"status": "released"})));
        assert!(!matches(&answer, &json!({"missing": 1})));
        assert!(!matches(
            &answer,
            &json!({"gates": {"audit": {"blockers": ["x"]}}})
        ));
    }

    #[test]
    fn a_run_reads_back_what_it_wrote() {
        let run = Run {
            version: RUN_VERSION,
            name: "whitelist".into(),
            chain_id: "berty-local-1".into(),
            steps: vec![Step {
                what: "alice votes".into(),
                label: "vote".into(),
                sender: "alice".into(),
                action: Action::Execute {
                    contract: "wasm1c".into(),
                    msg: r#"{"vote":{}}"#.into(),
                    funds: vec![Coin::new(5u128, "uberty")],
                },
                wait_seconds: 3,
                expect: Expect::Refused {
                    error: "Unauthorized".into(),
                },
                gas_limit: None,
                gas: Some(GasUsed {
                    setup: 60_000,
                    ..GasUsed::default()
                }),
                balances: vec![],
                unchanged: vec![],
                checks: vec![],
            }],
            ..Run::default()
        };
        let text = serde_json::to_string(&run).unwrap();
        assert!(text.contains(r#""type":"execute""#), "{text}");
        assert!(
            text.contains(r#""refused":{"error":"Unauthorized"}"#),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Run>(&text).unwrap(), run);
    }
}
