//! The cw-plus half of the benchmark as a run for a real node (`berty-bench --node-run`):
//! cw4-group with the demo's six Council members (weight 1) and cw3-flex-multisig with the
//! Berty default rules (quorum 2/3, threshold 1/2, 7 days), deployed with instantiate2 by
//! the demo's deployer; a proposal by alice, yes ballots until it passes, its execution.
//! `berty-e2e replay` sends it to the node, so that a cw3 vote is measured where a Berty
//! ballot is, and the ballot ratio is the node's.

use std::collections::BTreeMap;
use std::path::Path;

use cosmwasm_std::Addr;
use serde_json::{json, Value};

use crate::dao::{Actor, Artifacts, DaoError};
use crate::run::{self, Action, Expect, Run, Step};
use crate::{Chain, GasUsed, TxOutcome};

/// The cw4-group members: the demo's Council.
const MEMBERS: [&str; 6] = ["alice", "amir", "ana", "tara", "tom", "theo"];

struct Recorder {
    chain: Chain,
    steps: Vec<Step>,
}

impl Recorder {
    fn execute(
        &mut self,
        what: &str,
        label: &str,
        who: &Actor,
        contract: &Addr,
        msg: &Value,
    ) -> Result<TxOutcome, DaoError> {
        let text = msg.to_string();
        let outcome = self
            .chain
            .execute_raw(&who.addr, contract, text.as_bytes(), &[])?;
        println!("  {what:<50} {:>9} gas", outcome.gas.total());
        // each transaction in a block of its own, as on the node
        self.chain.next_block_after(1);
        self.steps.push(step(
            what,
            label,
            &who.name,
            Action::Execute {
                contract: contract.to_string(),
                msg: text,
                funds: vec![],
            },
            outcome.gas,
        ));
        Ok(outcome)
    }
}

fn step(what: &str, label: &str, sender: &str, action: Action, gas: GasUsed) -> Step {
    Step {
        what: what.into(),
        label: label.into(),
        sender: sender.into(),
        action,
        wait_seconds: 0,
        expect: Expect::Ok,
        gas_limit: None,
        gas: Some(gas),
        balances: vec![],
        unchanged: vec![],
        checks: vec![],
    }
}

/// The run, for `chain_id`, from the cw-plus artifacts in `dir` (paths recorded as given).
pub fn cw3_node_run(dir: &Path, chain_id: &str) -> Result<Run, DaoError> {
    let artifacts = Artifacts::open(dir)?;
    let chain = Chain::new(chain_id);
    let deployer = Actor::from_seed(&chain, "berty-demo/deployer", "deployer");
    let members: Vec<Actor> = MEMBERS
        .iter()
        .map(|n| Actor::from_seed(&chain, &format!("berty-demo/{n}"), n))
        .collect();
    let mut keys: BTreeMap<String, String> = members
        .iter()
        .map(|m| (m.name.clone(), m.addr.to_string()))
        .collect();
    keys.insert(deployer.name.clone(), deployer.addr.to_string());
    let mut rec = Recorder {
        chain,
        steps: vec![],
    };
    let mut contracts = BTreeMap::new();
    let mut deployed = Vec::new();
    for (artifact, name) in [
        ("cw4_group", "cw4-group"),
        ("cw3_flex_multisig", "cw3-flex-multisig"),
    ] {
        let (code_id, gas) = rec
            .chain
            .store_code(&deployer.addr, &artifacts.wasm(artifact)?)?;
        println!(
            "  {:<50} {gas:>9} gas",
            format!("deployer stores {artifact}")
        );
        rec.steps.push(step(
            &format!("deployer stores {artifact}"),
            "cw3 store",
            &deployer.name,
            Action::Store {
                artifact: artifact.into(),
                file: dir.join(format!("{artifact}.wasm")).display().to_string(),
            },
            GasUsed {
                keeper: gas,
                ..GasUsed::default()
            },
        ));
        deployed.push((artifact, name, code_id));
    }
    let group_addr =
        rec.chain
            .predict_address(deployed[0].2, &deployer.addr, deployed[0].1.as_bytes())?;
    let messages = [
        json!({
            "admin": null,
            "members": members.iter().map(|m| json!({"addr": m.addr, "weight": 1})).collect::<Vec<_>>(),
        }),
        json!({
            "group_addr": group_addr,
            "threshold": {"threshold_quorum": {"threshold": "0.5", "quorum": "0.666666666666666666"}},
            "max_voting_period": {"time": 7 * 24 * 3600},
            "executor": null,
            "proposal_deposit": null,
        }),
    ];
    for ((artifact, name, code_id), msg) in deployed.into_iter().zip(messages) {
        let label = format!("berty-bench {name}");
        let (addr, outcome) = rec.chain.instantiate2(
            &deployer.addr,
            code_id,
            &msg,
            &[],
            &label,
            None,
            name.as_bytes(),
        )?;
        println!(
            "  {:<50} {:>9} gas",
            format!("deployer instantiates {name}"),
            outcome.gas.total()
        );
        rec.steps.push(step(
            &format!("deployer instantiates {name}"),
            "cw3 instantiate2",
            &deployer.name,
            Action::Instantiate2 {
                artifact: artifact.into(),
                msg: msg.to_string(),
                salt: name.into(),
                label,
                admin: None,
                address: addr.to_string(),
            },
            outcome.gas,
        ));
        contracts.insert(name.to_string(), addr.to_string());
    }
    rec.chain.next_block_after(1);
    let flex = Addr::unchecked(&contracts["cw3-flex-multisig"]);
    let propose = rec.execute(
        "alice proposes on cw3-flex-multisig (its own yes counts)",
        "cw3 propose",
        &members[0],
        &flex,
        &json!({"propose": {"title": "Release 2.500.0", "description": "ship it", "msgs": [], "latest": null}}),
    )?;
    let proposal_id: u64 = propose
        .attribute("wasm", "proposal_id")
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| DaoError::Export("cw3 propose names no proposal_id".into()))?;
    rec.chain.next_block_after(1);
    for voter in &members[1..] {
        let vote = json!({"vote": {"proposal_id": proposal_id, "vote": "yes"}});
        let what = format!("{} votes yes on cw3 proposal {proposal_id}", voter.name);
        let outcome = rec.execute(&what, "cw3 vote", voter, &flex, &vote)?;
        if outcome.attribute("wasm", "status") == Some("Passed") {
            rec.steps.last_mut().expect("just pushed").label = "cw3 vote, deciding".into();
            break;
        }
    }
    rec.execute(
        "alice executes the passed cw3 proposal",
        "cw3 execute",
        &members[0],
        &flex,
        &json!({"execute": {"proposal_id": proposal_id}}),
    )?;
    Ok(Run {
        version: run::RUN_VERSION,
        name: "cw3".into(),
        chain_id: chain_id.into(),
        config: None,
        deployer: deployer.name.clone(),
        keys,
        contracts,
        deploy: vec![],
        released: None,
        steps: rec.steps,
    })
}
