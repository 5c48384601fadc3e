//! `berty-demo [--config FILE] [--artifacts DIR] [--out DIR] [--chain-id ID] [--deployer NAME]
//! [--run FILE]`: deploys the four artifacts to the embedded chain from the deployment plan
//! (`deploy/config.json`, instantiate2 addresses), runs the whole Berty process with the gas
//! of each step, and writes the release's trail bundle and the built app files into the
//! output directory for the verifier (scripts/demo.sh runs it). A config with `staking`
//! runs the staked process instead: bonds, a report shown to be fake, its challenge, the
//! Council's ruling, the slash and its payout, an unbonding and its claim, with every
//! balance. `--run FILE` also writes the run as data (`berty_chain::run`): each step's
//! sender, contract, message, funds, the seconds it waits, whether it must be refused and
//! with which text, its gas here, and the balances and answers around it; `berty-e2e
//! replay` sends the same steps to a real node. Exits non-zero at the first unexpected
//! outcome.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use berty_chain::bench::report::thousands;
use berty_chain::dao::{binary, read_config, Actor, Artifacts, Contract, Dao};
use berty_chain::run::{self, Action, Balance, Check, Expect, Query, Run};
use berty_chain::{Chain, ChainError, TxOutcome, DEFAULT_TX_GAS_LIMIT};
use berty_interface::audit_registry::SubmitReportMsg;
use berty_interface::audit_registry::{self, ChallengeReportMsg, ReportStatus, RulingMsg};
use berty_interface::council_vote::{self, ProposeMsg, Rules, Tally, Vote, VoteMsg};
use berty_interface::membership::{self, MemberInit};
use berty_interface::proposal_msg::ProposalMsg;
use berty_interface::release::{
    self, Artifact, AttestPublicationMsg, BuildInfo, FinalizeMsg, ProposeReleaseMsg,
    RecordCouncilDecisionMsg,
};
use berty_interface::signing::{signing_digest, BallotSigningPayload, ReportSigningPayload};
use berty_interface::Role;
use cosmwasm_std::{Addr, Coin, CosmosMsg, Decimal, WasmMsg};
use serde::Serialize;
use serde_json::{json, Value};

const USAGE: &str = "usage: berty-demo [--config FILE] [--artifacts DIR] [--out DIR] \
    [--chain-id ID] [--deployer NAME] [--run FILE]";

/// What every key holds at genesis, of each denom, as on the local node
/// (`scripts/localnet.sh`), so that the balances a run records are the node's too.
const GENESIS_AMOUNT: u128 = 1_000_000_000_000_000;
const DENOMS: [&str; 2] = ["stake", "uberty"];

/// Seconds between blocks: every included step gets a block of its own, as on the node
/// (where each transaction waits for the last to be in a block). Same-block transactions
/// cost less where the contracts keep snapshots (one changelog entry per key and block).
const BLOCK_SECONDS: u64 = 1;

/// The heights the run sees, near a local node's when scripts/e2e.sh replays it (the
/// deployment in blocks 20 to 100, the process from block 200 on): the logs store block
/// heights, and a digit more or less is 30 gas a write.
const DEPLOY_HEIGHT: u64 = 50;
const PROCESS_HEIGHT: u64 = 200;

/// The gas limit of the message part given to the out-of-gas case: a ballot needs about
/// 95,000; this runs dry inside the contract, past the instance load.
const TOO_LITTLE_GAS: u64 = 75_000;

type Step<T> = Result<T, String>;

fn main() -> ExitCode {
    match main_run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nberty-demo: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    config: PathBuf,
    artifacts: PathBuf,
    out: PathBuf,
    chain_id: String,
    deployer: String,
    run: Option<PathBuf>,
}

fn args() -> Step<Args> {
    let mut args = Args {
        config: "deploy/config.json".into(),
        artifacts: "artifacts".into(),
        out: "target/demo".into(),
        chain_id: "berty-demo-1".into(),
        deployer: "deployer".into(),
        run: None,
    };
    let list: Vec<String> = std::env::args().skip(1).collect();
    let mut it = list.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(USAGE)?.clone();
        match flag.as_str() {
            "--config" => args.config = value.into(),
            "--artifacts" => args.artifacts = value.into(),
            "--out" => args.out = value.into(),
            "--chain-id" => args.chain_id = value,
            "--deployer" => args.deployer = value,
            "--run" => args.run = Some(value.into()),
            _ => return Err(USAGE.into()),
        }
    }
    Ok(args)
}

fn section(title: &str) {
    println!("\n== {title}");
}

fn digest(bytes: &[u8]) -> String {
    hex::encode(berty_hashlog::sha256(bytes))
}

/// The contract's own message, without the chain's "contract <addr>: " prefix.
fn contract_error(error: &ChainError) -> String {
    match error {
        ChainError::Contract { error, .. } => error.clone(),
        other => other.to_string(),
    }
}

fn short(text: &str) -> String {
    text.chars().take(200).collect()
}

/// The demo's chain, and the record of every step it sends.
struct Demo {
    dao: Dao,
    chain_id: String,
    steps: Vec<run::Step>,
    /// Seconds waited since the last step, for the next one.
    wait: u64,
    /// Balances recorded around each step that moves funds (staked mode).
    watched: Vec<(String, Addr)>,
    keys: BTreeMap<String, String>,
}

impl Demo {
    fn person(&mut self, name: &str) -> Actor {
        let actor = Actor::from_seed(&self.dao.chain, &format!("berty-demo/{name}"), name);
        self.keys.insert(name.into(), actor.addr.to_string());
        actor
    }

    /// Lets `seconds` of chain time pass (the node's runner waits as long).
    fn wait(&mut self, seconds: u64) {
        self.dao.chain.next_block_after(seconds);
        self.wait += seconds;
        println!("  ({seconds} s pass)");
    }

    fn balances(&self) -> Vec<u128> {
        self.watched
            .iter()
            .map(|(_, addr)| self.dao.chain.balance(addr, "uberty"))
            .collect()
    }

    /// Sends `text` to `contract` as `who`; records the step with what it must give.
    #[allow(clippy::too_many_arguments)]
    fn send_text(
        &mut self,
        what: &str,
        label: &str,
        who: &Actor,
        contract: Contract,
        text: String,
        funds: &[Coin],
        expect: Expect,
        gas_limit: Option<u64>,
        unchanged: Vec<Query>,
    ) -> Step<Option<TxOutcome>> {
        let target = self.dao.addr(contract).clone();
        let before = self.balances();
        let answers_before = self.answers(&unchanged)?;
        if let Some(limit) = gas_limit {
            self.dao.chain.set_gas_limit(limit);
        }
        let result = self
            .dao
            .chain
            .execute_raw(&who.addr, &target, text.as_bytes(), funds);
        self.dao.chain.set_gas_limit(DEFAULT_TX_GAS_LIMIT);
        let after = self.balances();
        let (outcome, gas, expect) = match (result, expect) {
            (Ok(outcome), Expect::Ok) => {
                println!(
                    "  {what:<66} {:>9} gas  ({} instance{})",
                    thousands(outcome.gas.total()),
                    outcome.gas.instances,
                    if outcome.gas.instances == 1 { "" } else { "s" }
                );
                (Some(outcome.clone()), Some(outcome.gas), Expect::Ok)
            }
            (Ok(_), _) => return Err(format!("{what}: accepted, but the DAO must refuse it")),
            (Err(ChainError::OutOfGas { limit }), Expect::OutOfGas) => {
                println!("  {what:<66} out of gas at {limit}, nothing changed");
                (None, None, Expect::OutOfGas)
            }
            (Err(e), Expect::Refused { .. }) => {
                let error = contract_error(&e);
                println!("  {what:<66} refused: {}", short(&error));
                (None, None, Expect::Refused { error })
            }
            (Err(e), _) => return Err(format!("{what}: {e}")),
        };
        if !matches!(expect, Expect::Refused { .. }) {
            // included: the next step goes into the next block
            self.dao.chain.next_block_after(BLOCK_SECONDS);
        }
        if self.answers(&unchanged)? != answers_before {
            return Err(format!("{what}: a failed transaction changed the state"));
        }
        let balances = if !funds.is_empty() || before != after {
            self.watched
                .iter()
                .zip(before.iter().zip(&after))
                .map(|((who, addr), (b, a))| Balance {
                    who: who.clone(),
                    address: addr.to_string(),
                    denom: "uberty".into(),
                    before: b.to_string(),
                    after: a.to_string(),
                })
                .collect()
        } else {
            vec![]
        };
        self.steps.push(run::Step {
            what: what.into(),
            label: label.into(),
            sender: who.name.clone(),
            action: Action::Execute {
                contract: target.to_string(),
                msg: text,
                funds: funds.to_vec(),
            },
            wait_seconds: std::mem::take(&mut self.wait),
            expect,
            gas_limit,
            gas,
            balances,
            unchanged,
            checks: vec![],
        });
        Ok(outcome)
    }

    fn answers(&self, queries: &[Query]) -> Step<Vec<Value>> {
        queries
            .iter()
            .map(|q| {
                self.dao
                    .chain
                    .query(&Addr::unchecked(&q.contract), &q.msg)
                    .map_err(|e| e.to_string())
            })
            .collect()
    }

    /// A step that must succeed.
    fn send(
        &mut self,
        what: &str,
        label: &str,
        who: &Actor,
        contract: Contract,
        msg: &impl Serialize,
        funds: &[Coin],
    ) -> Step<TxOutcome> {
        let text = serde_json::to_string(msg).map_err(|e| e.to_string())?;
        let outcome = self.send_text(
            what,
            label,
            who,
            contract,
            text,
            funds,
            Expect::Ok,
            None,
            vec![],
        )?;
        Ok(outcome.expect("a successful step"))
    }

    /// A step the DAO must refuse.
    fn refuse(
        &mut self,
        what: &str,
        label: &str,
        who: &Actor,
        contract: Contract,
        msg: &impl Serialize,
        funds: &[Coin],
    ) -> Step<()> {
        let text = serde_json::to_string(msg).map_err(|e| e.to_string())?;
        self.refuse_text(what, label, who, contract, text, funds)
    }

    fn refuse_text(
        &mut self,
        what: &str,
        label: &str,
        who: &Actor,
        contract: Contract,
        text: String,
        funds: &[Coin],
    ) -> Step<()> {
        let refused = Expect::Refused {
            error: String::new(),
        };
        self.send_text(
            what,
            label,
            who,
            contract,
            text,
            funds,
            refused,
            None,
            vec![],
        )?;
        Ok(())
    }

    /// Asks `contract`; the answer must hold `expect`. The runner asks the node the same.
    fn check(&mut self, contract: Contract, query: Value, expect: Value) -> Step<Value> {
        let addr = self.dao.addr(contract).to_string();
        let answer: Value = self
            .dao
            .chain
            .query(&Addr::unchecked(&addr), &query)
            .map_err(|e| e.to_string())?;
        if !run::matches(&answer, &expect) {
            return Err(format!("{query} answers {answer}, expected {expect}"));
        }
        let step = self.steps.last_mut().ok_or("a check before any step")?;
        step.checks.push(Check {
            query: Query {
                contract: addr,
                msg: query,
            },
            expect,
        });
        Ok(answer)
    }

    fn query(&self, contract: Contract, query: Value) -> Step<Value> {
        self.dao.query(contract, &query).map_err(|e| e.to_string())
    }

    fn expect_status(&mut self, release_id: &str, want: &str) -> Step<()> {
        self.check(
            Contract::Release,
            json!({"release": {"release_id": release_id}}),
            json!({"status": want}),
        )?;
        println!("  release status: {want}");
        Ok(())
    }

    fn expect_role(&mut self, who: &Actor, role: Value) -> Step<()> {
        let member = self.query(Contract::Membership, json!({"member": {"addr": who.addr}}))?;
        if member["role"] != role {
            return Err(format!(
                "{} ({}) has role {} in membership, the demo expects {role}: \
                 the config and the demo's seeds disagree",
                who.name, who.addr, member["role"]
            ));
        }
        println!("  {:<8} {}  {}", who.name, who.addr, role);
        Ok(())
    }

    fn register_key(&mut self, who: &Actor) -> Step<()> {
        let msg = membership::ExecuteMsg::RegisterPubkey {
            pubkey: who.pubkey(),
        };
        self.send(
            &format!("{} registers its key", who.name),
            "register_pubkey",
            who,
            Contract::Membership,
            &msg,
            &[],
        )?;
        Ok(())
    }

    fn vote(
        &mut self,
        who: &Actor,
        proposal_id: u64,
        choice: Vote,
        rationale: Option<&str>,
        signed: bool,
    ) -> Step<()> {
        let msg = self.ballot(who, proposal_id, choice, rationale, signed)?;
        let label = match (signed, rationale.is_some()) {
            (false, false) => "vote",
            (true, false) => "vote, signed",
            (_, true) => "vote, signed, with a rationale",
        };
        let outcome = self.send(
            &format!(
                "{} votes {} on {proposal_id}{}",
                who.name,
                choice.as_str(),
                if signed { ", signed" } else { "" }
            ),
            label,
            who,
            Contract::CouncilVote,
            &msg,
            &[],
        )?;
        if let Some(status) = outcome.attribute("wasm", "status").filter(|s| *s != "open") {
            println!("    → proposal {proposal_id} is {status}");
        }
        Ok(())
    }

    fn ballot(
        &self,
        who: &Actor,
        proposal_id: u64,
        choice: Vote,
        rationale: Option<&str>,
        signed: bool,
    ) -> Step<council_vote::ExecuteMsg> {
        let rationale = rationale.map(str::to_owned);
        let signature = signed
            .then(|| {
                signing_digest(&BallotSigningPayload {
                    chain_id: self.chain_id.clone(),
                    contract: self.dao.council_vote.to_string(),
                    proposal_id,
                    vote: choice,
                    rationale: rationale.clone(),
                })
                .map(|d| who.key.sign(&d))
            })
            .transpose()
            .map_err(|e| e.to_string())?;
        Ok(council_vote::ExecuteMsg::Vote(VoteMsg {
            proposal_id,
            vote: choice,
            rationale,
            signature,
        }))
    }

    fn report(
        &mut self,
        auditor: &Actor,
        release_id: &str,
        status: ReportStatus,
        n: u32,
    ) -> Step<()> {
        let report_uri = format!("ipfs://bafy{}report{n}", auditor.name);
        let report_digest =
            digest(format!("{} report {n} on {release_id}", auditor.name).as_bytes());
        let payload = ReportSigningPayload {
            chain_id: self.chain_id.clone(),
            contract: self.dao.audit_registry.to_string(),
            release_id: release_id.into(),
            status,
            report_uri: report_uri.clone(),
            report_digest: report_digest.clone(),
        };
        let signature = auditor
            .key
            .sign(&signing_digest(&payload).map_err(|e| e.to_string())?);
        self.send(
            &format!("{} reports {}, signed", auditor.name, status.as_str()),
            "submit_report",
            auditor,
            Contract::AuditRegistry,
            &audit_registry::ExecuteMsg::SubmitReport(SubmitReportMsg {
                release_id: release_id.into(),
                status,
                report_uri,
                report_digest,
                signature: Some(signature),
            }),
            &[],
        )?;
        Ok(())
    }

    /// A governance proposal by `who` running `msgs`, decided by four yes ballots (two in
    /// each college), then executed by `executor`.
    fn governance(
        &mut self,
        what: &str,
        who: &Actor,
        voters: &[&Actor],
        executor: &Actor,
        title: &str,
        msgs: Vec<CosmosMsg>,
    ) -> Step<u64> {
        let outcome = self.send(
            what,
            "propose",
            who,
            Contract::CouncilVote,
            &council_vote::ExecuteMsg::Propose(ProposeMsg {
                title: title.into(),
                description: format!("{title}, by the Council."),
                msgs: msgs.into_iter().map(Into::into).collect(),
            }),
            &[],
        )?;
        let id = proposal_id(&outcome)?;
        for voter in voters {
            self.vote(voter, id, Vote::Yes, None, false)?;
        }
        self.send(
            "anyone executes the passed proposal",
            "execute",
            executor,
            Contract::CouncilVote,
            &council_vote::ExecuteMsg::Execute { proposal_id: id },
            &[],
        )?;
        Ok(id)
    }

    fn print_gates(&self, release_id: &str) -> Step<()> {
        let gates = self.query(
            Contract::Release,
            json!({"gates": {"release_id": release_id}}),
        )?;
        let mut blockers = collect_blockers(&gates);
        // The answer lists each blocker under its gate and again in the summary.
        let mut seen = std::collections::BTreeSet::new();
        blockers.retain(|b| seen.insert(b.clone()));
        println!("  gates now: {}", blockers.join("; "));
        Ok(())
    }
}

fn proposal_id(outcome: &TxOutcome) -> Step<u64> {
    attribute_u64(outcome, "proposal_id")
}

fn attribute_u64(outcome: &TxOutcome, key: &str) -> Step<u64> {
    outcome
        .attribute("wasm", key)
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| format!("no {key} attribute"))
}

fn main_run() -> Step<()> {
    let args = args()?;
    let config = read_config(&args.config).map_err(|e| e.to_string())?;
    let artifacts = Artifacts::open(&args.artifacts).map_err(|e| e.to_string())?;
    let mut chain = Chain::new(&args.chain_id);
    chain.next_block_at(DEPLOY_HEIGHT, BLOCK_SECONDS);
    let deployer = Actor::from_seed(
        &chain,
        &format!("berty-demo/{}", args.deployer),
        &args.deployer,
    );
    let staked = config.staking.is_some();

    section(&format!(
        "Deploying to the embedded chain {} from {} (the plan scripts/deploy.sh follows)",
        args.chain_id,
        args.config.display()
    ));
    for denom in DENOMS {
        chain.mint(&deployer.addr, Coin::new(GENESIS_AMOUNT, denom));
    }
    let dao = Dao::deploy(chain, &artifacts, &config, &deployer.addr, |_| {})
        .map_err(|e| format!("deploying: {e}"))?;
    let mut deploy = Vec::new();
    for ((name, store, gas), planned) in dao.deploy_gas.iter().zip(&dao.plan.contracts) {
        println!(
            "  {name:<15} {}  upload {:>9} gas, instantiate2 {:>9} gas",
            planned.address,
            thousands(*store),
            thousands(gas.total())
        );
        deploy.push(run::DeployGas {
            contract: name.clone(),
            store: *store,
            instantiate: *gas,
        });
    }
    println!("  every address is the one the plan predicted; council-vote is governance and admin");
    let contracts = dao
        .plan
        .contracts
        .iter()
        .map(|c| (c.name.clone(), c.address.clone()))
        .collect();
    let mut demo = Demo {
        dao,
        chain_id: args.chain_id.clone(),
        steps: vec![],
        wait: 0,
        watched: vec![],
        keys: BTreeMap::from([(deployer.name.clone(), deployer.addr.to_string())]),
    };
    demo.dao.chain.next_block_at(PROCESS_HEIGHT, BLOCK_SECONDS);

    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let released = if staked {
        staked_process(&mut demo, &deployer)?;
        None
    } else {
        Some(whitelist_process(&mut demo, &deployer, &args.out)?)
    };

    if let Some(path) = &args.run {
        let run = Run {
            version: run::RUN_VERSION,
            name: if staked { "staked" } else { "whitelist" }.into(),
            chain_id: args.chain_id.clone(),
            config: Some(args.config.display().to_string()),
            deployer: deployer.name.clone(),
            keys: demo.keys.clone(),
            contracts,
            deploy,
            released,
            steps: demo.steps,
        };
        let text = serde_json::to_string_pretty(&run).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "\n  the run, {} steps, as data: {}",
            run.steps.len(),
            path.display()
        );
    }
    Ok(())
}

/// Mints what the node's genesis gives every key.
fn fund(demo: &mut Demo, who: &[&Actor]) {
    for actor in who {
        for denom in DENOMS {
            demo.dao
                .chain
                .mint(&actor.addr, Coin::new(GENESIS_AMOUNT, denom));
        }
    }
}

/// The whitelist process: auditors appointed by the Council, a release through its four
/// gates, its trail exported. Returns the release id.
fn whitelist_process(demo: &mut Demo, deployer: &Actor, out: &std::path::Path) -> Step<String> {
    let activists = ["alice", "amir", "ana"].map(|n| demo.person(n));
    let technologists = ["tara", "tom", "theo"].map(|n| demo.person(n));
    let [carol, cyrus] = ["carol", "cyrus"].map(|n| demo.person(n));
    let auditors = ["ursula", "victor"].map(|n| demo.person(n));
    let everyone: Vec<&Actor> = activists
        .iter()
        .chain(&technologists)
        .chain([&carol, &cyrus])
        .chain(&auditors)
        .collect();
    fund(demo, &everyone);

    section("Genesis members (from the config), as membership answers");
    for a in &activists {
        demo.expect_role(a, json!({"council": {"college": "activists"}}))?;
    }
    for t in &technologists {
        demo.expect_role(t, json!({"council": {"college": "technologists"}}))?;
    }
    for c in [&carol, &cyrus] {
        demo.expect_role(c, json!("core_team_rep"))?;
    }
    let counts = demo.query(Contract::Membership, json!({"counts": {}}))?;
    println!("  counts: {counts}");

    section("Members register their public keys (the trail ties every act to a key)");
    for who in activists
        .iter()
        .chain(&technologists)
        .chain([&carol, &cyrus])
    {
        demo.register_key(who)?;
    }

    section("The Council appoints two auditors by a governance proposal");
    let appoint = membership::ExecuteMsg::UpdateMembers {
        add: auditors
            .iter()
            .map(|a| MemberInit {
                addr: a.addr.to_string(),
                role: Role::Auditor,
            })
            .collect(),
        remove: vec![],
    };
    let outcome = demo.send(
        "alice proposes: appoint ursula and victor as auditors",
        "propose",
        &activists[0],
        Contract::CouncilVote,
        &council_vote::ExecuteMsg::Propose(ProposeMsg {
            title: "Appoint the 2026 audit team".into(),
            description: "Ursula and Victor audit the 2.x releases.".into(),
            msgs: vec![ProposalMsg::Wasm(WasmMsg::Execute {
                contract_addr: demo.dao.membership.to_string(),
                msg: binary(&appoint),
                funds: vec![],
            })],
        }),
        &[],
    )?;
    let governance_id = proposal_id(&outcome)?;

    // A real node: a transaction given too little gas is included, fails, and leaves
    // nothing behind (the ballot and the tally are as they were).
    let ballot = demo.ballot(&activists[0], governance_id, Vote::Yes, None, false)?;
    let council = demo.dao.council_vote.to_string();
    demo.send_text(
        &format!("alice votes yes on {governance_id} with too little gas"),
        "vote, out of gas",
        &activists[0],
        Contract::CouncilVote,
        serde_json::to_string(&ballot).map_err(|e| e.to_string())?,
        &[],
        Expect::OutOfGas,
        Some(TOO_LITTLE_GAS),
        vec![
            Query {
                contract: council.clone(),
                msg: json!({"proposal": {"proposal_id": governance_id}}),
            },
            Query {
                contract: council.clone(),
                msg: json!({"ballots": {"proposal_id": governance_id}}),
            },
        ],
    )?;
    for who in [
        &activists[0],
        &technologists[0],
        &activists[1],
        &technologists[1],
    ] {
        demo.vote(who, governance_id, Vote::Yes, None, false)?;
    }
    // A malformed message: the contract's own parse error comes back (through the CLI on
    // a node).
    demo.refuse_text(
        "theo sends a malformed ballot (the proposal id as text)",
        "vote, malformed",
        &technologists[2],
        Contract::CouncilVote,
        format!(r#"{{"vote":{{"proposal_id":"{governance_id}","vote":"yes"}}}}"#),
        &[],
    )?;
    demo.send(
        "anyone executes the passed proposal",
        "execute",
        deployer,
        Contract::CouncilVote,
        &council_vote::ExecuteMsg::Execute {
            proposal_id: governance_id,
        },
        &[],
    )?;
    for a in &auditors {
        demo.expect_role(a, json!("auditor"))?;
        demo.register_key(a)?;
    }

    section("1. Candidate: a CTR proposes release 2.500.0");
    let source = b"berty-2.500.0 source archive (demo)".to_vec();
    let release_id = digest(&source);
    demo.send(
        &format!("carol proposes 2.500.0, release id {}…", &release_id[..16]),
        "propose release",
        &carol,
        Contract::Release,
        &release::ExecuteMsg::Propose(ProposeReleaseMsg {
            release_id: release_id.clone(),
            version: "2.500.0".into(),
            source_uri: "ipfs://bafybeihberty2500source".into(),
            commit: Some("3f2a9c4e5d6b7a8091a2b3c4d5e6f708192a3b4c".into()),
            notes_uri: Some("https://berty.tech/releases/2.500.0".into()),
        }),
        &[],
    )?;
    // A real node takes an all-upper-case bech32 address where it parses one; council-vote
    // compares addresses in canonical form, so capitals cannot smuggle a release decision
    // into a governance proposal.
    let decision = release::ExecuteMsg::RecordCouncilDecision(RecordCouncilDecisionMsg {
        release_id: release_id.clone(),
        proposal_id: 99,
        passed: true,
        tally: Tally::default(),
        rules: Rules::default(),
        ballots_head: "0".repeat(64),
        ballots_count: 0,
    });
    demo.refuse(
        "alice proposes a decision for the release contract, its address in capitals",
        "propose",
        &activists[0],
        Contract::CouncilVote,
        &council_vote::ExecuteMsg::Propose(ProposeMsg {
            title: "Approve 2.500.0 directly".into(),
            description: "Skip the vote.".into(),
            msgs: vec![ProposalMsg::Wasm(WasmMsg::Execute {
                contract_addr: demo.dao.release.as_str().to_uppercase(),
                msg: binary(&decision),
                funds: vec![],
            })],
        }),
        &[],
    )?;

    section("2. Audit: three reports, one no_go overridden by its auditor");
    demo.report(&auditors[0], &release_id, ReportStatus::Go, 1)?;
    demo.report(&auditors[1], &release_id, ReportStatus::NoGo, 1)?;
    demo.print_gates(&release_id)?;
    demo.refuse(
        "carol submits for vote while victor's no_go counts",
        "submit_for_vote",
        &carol,
        Contract::Release,
        &submit_for_vote(&release_id),
        &[],
    )?;
    demo.report(&auditors[1], &release_id, ReportStatus::GoWithWarnings, 2)?;
    let gate = demo.check(
        Contract::AuditRegistry,
        json!({"audit_gate": {"release_id": release_id}}),
        json!({"passed": true}),
    )?;
    println!(
        "  audit gate: passed {}, positive {}, blocking {}",
        gate["passed"], gate["positive"], gate["blocking"]
    );

    section("3. Council vote: both colleges, each its own turnout and threshold");
    let outcome = demo.send(
        "carol submits the audited candidate to the Council",
        "submit_for_vote",
        &carol,
        Contract::Release,
        &submit_for_vote(&release_id),
        &[],
    )?;
    let vote_id = proposal_id(&outcome)?;
    demo.vote(
        &activists[0],
        vote_id,
        Vote::Yes,
        Some("Audits are clean."),
        true,
    )?;
    demo.vote(&technologists[0], vote_id, Vote::Yes, None, true)?;
    demo.vote(&activists[1], vote_id, Vote::Yes, None, true)?;
    demo.vote(
        &technologists[1],
        vote_id,
        Vote::No,
        Some("Wait for 2.500.1."),
        true,
    )?;
    demo.vote(&technologists[2], vote_id, Vote::Yes, None, true)?;
    demo.refuse(
        "ana votes after the decision",
        "vote",
        &activists[2],
        Contract::CouncilVote,
        &council_vote::ExecuteMsg::Vote(VoteMsg {
            proposal_id: vote_id,
            vote: Vote::Yes,
            rationale: None,
            signature: None,
        }),
        &[],
    )?;
    let proposal = demo.check(
        Contract::CouncilVote,
        json!({"proposal": {"proposal_id": vote_id}}),
        json!({"status": "passed"}),
    )?;
    println!("  proposal {vote_id}: {}", proposal["status"]);
    demo.send(
        "anyone closes the vote: the decision goes to the release contract",
        "close",
        deployer,
        Contract::CouncilVote,
        &council_vote::ExecuteMsg::Close {
            proposal_id: vote_id,
        },
        &[],
    )?;
    demo.expect_status(&release_id, "approved")?;

    section("4. Build & deploy: finalize with the artifacts' digests, publish");
    let files = [
        ("berty-2.500.0.apk", "android", "ipfs://bafyberty2500apk"),
        ("berty-2.500.0.ipa", "ios", "ipfs://bafyberty2500ipa"),
    ];
    let mut artifacts_list = Vec::new();
    for (name, platform, uri) in files {
        let bytes = format!("{name}: reproducible build of {release_id}").into_bytes();
        let path = out.join(name);
        std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        artifacts_list.push(Artifact {
            name: name.into(),
            platform: platform.into(),
            digest: digest(&bytes),
            uri: uri.into(),
        });
    }
    let apk_digest = artifacts_list[0].digest.clone();
    demo.send(
        "carol finalizes: every gate re-checked now",
        "finalize",
        &carol,
        Contract::Release,
        &release::ExecuteMsg::Finalize(FinalizeMsg {
            release_id: release_id.clone(),
            artifacts: artifacts_list,
            build: BuildInfo {
                builder: "berty-reproducible-ci".into(),
                provenance_uri: None,
                provenance_digest: None,
            },
        }),
        &[],
    )?;
    demo.send(
        "cyrus attests the Google Play publication with its key",
        "attest_publication",
        &cyrus,
        Contract::Release,
        &release::ExecuteMsg::AttestPublication(AttestPublicationMsg {
            release_id: release_id.clone(),
            channel: "google-play".into(),
            artifact_digest: apk_digest,
            listing_uri: Some(
                "https://play.google.com/store/apps/details?id=tech.berty.android".into(),
            ),
        }),
        &[],
    )?;
    demo.expect_status(&release_id, "released")?;
    let head = demo.query(
        Contract::Release,
        json!({"trail_head": {"release_id": release_id}}),
    )?;
    println!(
        "  release trail: {} events, head {}",
        head["length"], head["head"]
    );

    section("The trail bundle");
    let bundle = demo
        .dao
        .export_bundle(&release_id)
        .map_err(|e| e.to_string())?;
    let path = out.join("bundle.json");
    let text = serde_json::to_string_pretty(&bundle).map_err(|e| e.to_string())?;
    std::fs::write(&path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(
        out.join("trail-head.txt"),
        format!("{}\n", head["head"].as_str().unwrap_or_default()),
    )
    .map_err(|e| e.to_string())?;
    println!(
        "  exported {} (and the two app files beside it)",
        path.display()
    );
    Ok(release_id)
}

/// The staked process: auditors bond to be registered, one posts a fake report, a
/// challenger disputes it, the Council upholds the challenge, the slash pays out after the
/// appeal window, the slashed auditor unbonds and claims after the unbonding period.
fn staked_process(demo: &mut Demo, deployer: &Actor) -> Step<()> {
    let config = demo
        .query(Contract::AuditRegistry, json!({"config": {}}))
        .map_err(|e| format!("registry config: {e}"))?;
    let amount = |path: &[&str]| -> Step<u128> {
        let mut value = &config;
        for key in path {
            value = &value[key];
        }
        value
            .as_str()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("no {} in the registry's config {config}", path.join(".")))
    };
    let seconds = |path: &[&str]| -> Step<u64> {
        let mut value = &config;
        for key in path {
            value = &value[key];
        }
        value
            .as_u64()
            .ok_or_else(|| format!("no {} in the registry's config {config}", path.join(".")))
    };
    let min_bond = amount(&["staking", "min_bond"])?;
    let unbonding = seconds(&["staking", "unbonding_period"])?;
    let challenge_bond = amount(&["disputes", "challenge_bond"])?;
    let appeal_window = seconds(&["disputes", "appeal_window"])?;
    let denom = config["staking"]["denom"]
        .as_str()
        .ok_or("no staking denom")?
        .to_string();

    let activists = ["alice", "amir", "ana"].map(|n| demo.person(n));
    let technologists = ["tara", "tom", "theo"].map(|n| demo.person(n));
    let carol = demo.person("carol");
    let [ursula, victor, chloe] = ["ursula", "victor", "chloe"].map(|n| demo.person(n));
    let everyone: Vec<&Actor> = activists
        .iter()
        .chain(&technologists)
        .chain([&carol, &ursula, &victor, &chloe])
        .collect();
    fund(demo, &everyone);
    demo.watched = vec![
        ("ursula".into(), ursula.addr.clone()),
        ("victor".into(), victor.addr.clone()),
        ("chloe".into(), chloe.addr.clone()),
        ("audit-registry".into(), demo.dao.audit_registry.clone()),
        ("council-vote".into(), demo.dao.council_vote.clone()),
    ];
    let coins = |n: u128| vec![Coin::new(n, denom.as_str())];

    section(&format!(
        "Staked mode: a bond of {min_bond}{denom} makes an auditor; challenges cost {challenge_bond}{denom}"
    ));
    demo.send(
        &format!("ursula bonds {min_bond}{denom}: the registry grants the auditor role"),
        "bond",
        &ursula,
        Contract::AuditRegistry,
        &audit_registry::ExecuteMsg::Bond {},
        &coins(min_bond),
    )?;
    demo.send(
        &format!("victor bonds {}{denom}", 2 * min_bond),
        "bond",
        &victor,
        Contract::AuditRegistry,
        &audit_registry::ExecuteMsg::Bond {},
        &coins(2 * min_bond),
    )?;
    demo.expect_role(&ursula, json!("auditor"))?;
    demo.expect_role(&victor, json!("auditor"))?;
    for who in [&ursula, &victor] {
        demo.register_key(who)?;
    }

    section("A release, a fake report and its challenge");
    let release_id = digest(b"berty-2.501.0 source archive (demo)");
    demo.send(
        &format!("carol proposes 2.501.0, release id {}…", &release_id[..16]),
        "propose release",
        &carol,
        Contract::Release,
        &release::ExecuteMsg::Propose(ProposeReleaseMsg {
            release_id: release_id.clone(),
            version: "2.501.0".into(),
            source_uri: "ipfs://bafybeihberty2501source".into(),
            commit: None,
            notes_uri: None,
        }),
        &[],
    )?;
    demo.report(&victor, &release_id, ReportStatus::Go, 1)?;
    demo.report(&ursula, &release_id, ReportStatus::Go, 1)?;
    let outcome = demo.send(
        &format!("chloe challenges victor's report, bonding {challenge_bond}{denom}"),
        "challenge_report",
        &chloe,
        Contract::AuditRegistry,
        &audit_registry::ExecuteMsg::ChallengeReport(ChallengeReportMsg {
            auditor: victor.addr.to_string(),
            release_id: release_id.clone(),
            evidence_uri: "ipfs://bafyvictorfakereport".into(),
        }),
        &coins(challenge_bond),
    )?;
    let challenge_id = attribute_u64(&outcome, "challenge_id")?;
    demo.refuse(
        "victor claims while challenged",
        "claim",
        &victor,
        Contract::AuditRegistry,
        &audit_registry::ExecuteMsg::Claim {},
        &[],
    )?;

    section("The Council upholds the challenge; the slash waits out the appeal window");
    let resolve = audit_registry::ExecuteMsg::ResolveChallenge(RulingMsg {
        challenge_id,
        uphold: true,
        slash_ratio: Some(Decimal::percent(50)),
    });
    demo.governance(
        &format!("alice proposes: uphold challenge {challenge_id}, slash half"),
        &activists[0],
        &[
            &activists[0],
            &technologists[0],
            &activists[1],
            &technologists[1],
        ],
        deployer,
        "Uphold the challenge of victor's report",
        vec![CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: demo.dao.audit_registry.to_string(),
            msg: binary(&resolve),
            funds: vec![],
        })],
    )?;
    let slash = audit_registry::ExecuteMsg::ExecuteSlash { challenge_id };
    demo.refuse(
        "anyone executes the slash within the appeal window",
        "execute_slash",
        deployer,
        Contract::AuditRegistry,
        &slash,
        &[],
    )?;
    demo.wait(appeal_window);
    demo.send(
        "anyone executes the slash: victor's bond halved, chloe rewarded, the DAO paid",
        "execute_slash",
        deployer,
        Contract::AuditRegistry,
        &slash,
        &[],
    )?;
    demo.check(
        Contract::AuditRegistry,
        json!({"audit_gate": {"release_id": release_id}}),
        json!({"passed": true, "positive": [ursula.addr]}),
    )?;
    println!("  audit gate: victor's slashed report no longer counts; ursula's go does");

    section("The slashed auditor leaves: unbonding, then its claim");
    let stake = demo.query(
        Contract::AuditRegistry,
        json!({"stake": {"auditor": victor.addr}}),
    )?;
    let bonded: u128 = stake["bonded"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no bonded amount in {stake}"))?;
    demo.send(
        &format!("victor unbonds all {bonded}{denom}: below the minimum, the role goes"),
        "unbond",
        &victor,
        Contract::AuditRegistry,
        &audit_registry::ExecuteMsg::Unbond {
            amount: bonded.into(),
        },
        &[],
    )?;
    demo.refuse(
        "victor claims before the unbonding period ends",
        "claim",
        &victor,
        Contract::AuditRegistry,
        &audit_registry::ExecuteMsg::Claim {},
        &[],
    )?;
    demo.wait(unbonding);
    demo.send(
        "victor claims its matured claim",
        "claim",
        &victor,
        Contract::AuditRegistry,
        &audit_registry::ExecuteMsg::Claim {},
        &[],
    )?;
    demo.check(
        Contract::Membership,
        json!({"member": {"addr": victor.addr}}),
        json!({"role": null}),
    )?;
    println!("  victor holds no role; every token the registry took is paid out");
    Ok(())
}

fn submit_for_vote(release_id: &str) -> release::ExecuteMsg {
    release::ExecuteMsg::SubmitForVote {
        release_id: release_id.into(),
    }
}

/// Every `blockers` string anywhere in the gates answer.
fn collect_blockers(value: &Value) -> Vec<String> {
    match value {
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| match (k.as_str(), v) {
                ("blockers", Value::Array(items)) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect(),
                _ => collect_blockers(v),
            })
            .collect(),
        Value::Array(items) => items.iter().flat_map(collect_blockers).collect(),
        _ => vec![],
    }
}
