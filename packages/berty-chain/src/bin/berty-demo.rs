//! `berty-demo [--config FILE] [--artifacts DIR] [--out DIR]`: deploys the four artifacts to
//! the embedded chain from the deployment plan (`deploy/config.json`, instantiate2
//! addresses), runs the whole Berty process with the gas of each step, and writes the
//! release's trail bundle and the built app files into the output directory for the
//! verifier (scripts/demo.sh runs it). Exits non-zero at the first unexpected outcome.

use berty_interface::audit_registry::SubmitReportMsg;
use berty_interface::council_vote::ProposeMsg;
use berty_interface::council_vote::VoteMsg;
use berty_interface::release::AttestPublicationMsg;
use berty_interface::release::FinalizeMsg;
use berty_interface::release::ProposeReleaseMsg;
use std::path::PathBuf;
use std::process::ExitCode;

use berty_chain::bench::report::thousands;
use berty_chain::dao::{binary, read_config, Actor, Artifacts, Contract, Dao};
use berty_chain::{Chain, ChainError, TxOutcome};
use berty_interface::audit_registry::{self, ReportStatus};
use berty_interface::council_vote::{self, Vote};
use berty_interface::membership::{self, MemberInit};
use berty_interface::release::{self, Artifact, BuildInfo};
use berty_interface::signing::{signing_digest, BallotSigningPayload, ReportSigningPayload};
use berty_interface::Role;
use cosmwasm_std::{CosmosMsg, WasmMsg};
use serde_json::{json, Value};

const CHAIN_ID: &str = "berty-demo-1";
const USAGE: &str = "usage: berty-demo [--config FILE] [--artifacts DIR] [--out DIR]";

type Step<T> = Result<T, String>;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nberty-demo: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints a step and its gas; a failure becomes the demo's error.
fn step(what: &str, result: Result<TxOutcome, ChainError>) -> Step<TxOutcome> {
    match result {
        Ok(outcome) => {
            println!(
                "  {what:<66} {:>9} gas  ({} instance{})",
                thousands(outcome.gas.total()),
                outcome.gas.instances,
                if outcome.gas.instances == 1 { "" } else { "s" }
            );
            Ok(outcome)
        }
        Err(e) => Err(format!("{what}: {e}")),
    }
}

/// A step the DAO must refuse; prints why it did.
fn refused(what: &str, result: Result<TxOutcome, ChainError>) -> Step<()> {
    match result {
        Ok(_) => Err(format!("{what}: accepted, but the DAO must refuse it")),
        Err(e) => {
            println!("  {what:<66} refused: {}", short(&e.to_string()));
            Ok(())
        }
    }
}

fn short(text: &str) -> String {
    // The contract's own message, without the chain's "contract <addr>: " prefix.
    let text = text.split_once(": ").map_or(text, |(_, rest)| rest);
    text.chars().take(200).collect()
}

fn section(title: &str) {
    println!("\n== {title}");
}

fn digest(bytes: &[u8]) -> String {
    hex::encode(berty_trail::sha256(bytes))
}

struct Args {
    config: PathBuf,
    artifacts: PathBuf,
    out: PathBuf,
}

fn args() -> Step<Args> {
    let mut args = Args {
        config: "deploy/config.json".into(),
        artifacts: "artifacts".into(),
        out: "target/demo".into(),
    };
    let list: Vec<String> = std::env::args().skip(1).collect();
    let mut it = list.iter();
    while let Some(flag) = it.next() {
        let value = PathBuf::from(it.next().ok_or(USAGE)?);
        match flag.as_str() {
            "--config" => args.config = value,
            "--artifacts" => args.artifacts = value,
            "--out" => args.out = value,
            _ => return Err(USAGE.into()),
        }
    }
    Ok(args)
}

fn run() -> Step<()> {
    let args = args()?;
    let config = read_config(&args.config).map_err(|e| e.to_string())?;
    let artifacts = Artifacts::open(&args.artifacts).map_err(|e| e.to_string())?;
    let chain = Chain::new(CHAIN_ID);
    let deployer = Actor::from_seed(&chain, "berty-demo/deployer", "deployer");

    section(&format!(
        "Deploying to the embedded chain {CHAIN_ID} from {} (the plan scripts/deploy.sh follows)",
        args.config.display()
    ));
    let mut dao = Dao::deploy(chain, &artifacts, &config, &deployer.addr, |_| {})
        .map_err(|e| format!("deploying: {e}"))?;
    for ((name, compile, gas), planned) in dao.deploy_gas.iter().zip(&dao.plan.contracts) {
        println!(
            "  {name:<15} {}  upload {:>9} gas, instantiate2 {:>9} gas",
            planned.address,
            thousands(*compile),
            thousands(gas.total())
        );
    }
    println!("  every address is the one the plan predicted; council-vote is governance and admin");
    dao.chain.next_block();

    // The demo's people: their keys come from the seeds berty-demo/<name>.
    let person = |name: &str| Actor::from_seed(&dao.chain, &format!("berty-demo/{name}"), name);
    let activists = ["alice", "amir", "ana"].map(person);
    let technologists = ["tara", "tom", "theo"].map(person);
    let [carol, cyrus] = ["carol", "cyrus"].map(person);
    let auditors = ["ursula", "victor"].map(person);

    section("Genesis members (from the config), as membership answers");
    let expect_role = |dao: &Dao, who: &Actor, role: Value| -> Step<()> {
        let member: Value = dao
            .query(Contract::Membership, &json!({"member": {"addr": who.addr}}))
            .map_err(|e| e.to_string())?;
        if member["role"] != role {
            return Err(format!(
                "{} ({}) has role {} in membership, the demo expects {role}: \
                 deploy/config.json and the demo's seeds disagree",
                who.name, who.addr, member["role"]
            ));
        }
        println!("  {:<8} {}  {}", who.name, who.addr, role);
        Ok(())
    };
    for a in &activists {
        expect_role(&dao, a, json!({"council": {"college": "activists"}}))?;
    }
    for t in &technologists {
        expect_role(&dao, t, json!({"council": {"college": "technologists"}}))?;
    }
    for c in [&carol, &cyrus] {
        expect_role(&dao, c, json!("core_team_rep"))?;
    }
    let counts: Value = dao
        .query(Contract::Membership, &json!({"counts": {}}))
        .map_err(|e| e.to_string())?;
    println!("  counts: {counts}");

    section("Members register their public keys (the trail ties every act to a key)");
    for who in activists
        .iter()
        .chain(&technologists)
        .chain([&carol, &cyrus])
    {
        step(
            &format!("{} registers its key", who.name),
            dao.register_key(who),
        )?;
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
    let outcome = step(
        "alice proposes: appoint ursula and victor as auditors",
        dao.execute(
            &activists[0].addr,
            Contract::CouncilVote,
            &council_vote::ExecuteMsg::Propose(ProposeMsg {
                title: "Appoint the 2026 audit team".into(),
                description: "Ursula and Victor audit the 2.x releases.".into(),
                msgs: vec![CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr: dao.membership.to_string(),
                    msg: binary(&appoint),
                    funds: vec![],
                })],
            }),
            &[],
        ),
    )?;
    let governance_id = proposal_id(&outcome)?;
    dao.chain.next_block();
    for who in [
        &activists[0],
        &technologists[0],
        &activists[1],
        &technologists[1],
    ] {
        vote(&mut dao, who, governance_id, Vote::Yes, None, false)?;
    }
    step(
        "anyone executes the passed proposal",
        dao.execute(
            &deployer.addr,
            Contract::CouncilVote,
            &council_vote::ExecuteMsg::Execute {
                proposal_id: governance_id,
            },
            &[],
        ),
    )?;
    dao.chain.next_block();
    for a in &auditors {
        expect_role(&dao, a, json!("auditor"))?;
        step(
            &format!("{} registers its key", a.name),
            dao.register_key(a),
        )?;
    }

    section("1. Candidate: a CTR proposes release 2.500.0");
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let source = b"berty-2.500.0 source archive (demo)".to_vec();
    let release_id = digest(&source);
    step(
        &format!("carol proposes 2.500.0, release id {}…", &release_id[..16]),
        dao.execute(
            &carol.addr,
            Contract::Release,
            &release::ExecuteMsg::Propose(ProposeReleaseMsg {
                release_id: release_id.clone(),
                version: "2.500.0".into(),
                source_uri: "ipfs://bafybeihberty2500source".into(),
                commit: Some("3f2a9c4e5d6b7a8091a2b3c4d5e6f708192a3b4c".into()),
                notes_uri: Some("https://berty.tech/releases/2.500.0".into()),
            }),
            &[],
        ),
    )?;

    section("2. Audit: three reports, one no_go overridden by its auditor");
    report(&mut dao, &auditors[0], &release_id, ReportStatus::Go, 1)?;
    report(&mut dao, &auditors[1], &release_id, ReportStatus::NoGo, 1)?;
    print_gates(&dao, &release_id)?;
    refused(
        "carol submits for vote while victor's no_go counts",
        submit_for_vote(&mut dao, &carol, &release_id),
    )?;
    report(
        &mut dao,
        &auditors[1],
        &release_id,
        ReportStatus::GoWithWarnings,
        2,
    )?;
    let gate: Value = dao
        .query(
            Contract::AuditRegistry,
            &json!({"audit_gate": {"release_id": release_id}}),
        )
        .map_err(|e| e.to_string())?;
    println!(
        "  audit gate: passed {}, positive {}, blocking {}",
        gate["passed"], gate["positive"], gate["blocking"]
    );
    if gate["passed"] != json!(true) {
        return Err("the audit gate should pass after victor's new report".into());
    }

    section("3. Council vote: both colleges, each its own turnout and threshold");
    let outcome = step(
        "carol submits the audited candidate to the Council",
        submit_for_vote(&mut dao, &carol, &release_id),
    )?;
    let vote_id = proposal_id(&outcome)?;
    dao.chain.next_block();
    vote(
        &mut dao,
        &activists[0],
        vote_id,
        Vote::Yes,
        Some("Audits are clean."),
        true,
    )?;
    vote(&mut dao, &technologists[0], vote_id, Vote::Yes, None, true)?;
    vote(&mut dao, &activists[1], vote_id, Vote::Yes, None, true)?;
    vote(
        &mut dao,
        &technologists[1],
        vote_id,
        Vote::No,
        Some("Wait for 2.500.1."),
        true,
    )?;
    vote(&mut dao, &technologists[2], vote_id, Vote::Yes, None, true)?;
    refused(
        "ana votes after the decision",
        dao.execute(
            &activists[2].addr,
            Contract::CouncilVote,
            &council_vote::ExecuteMsg::Vote(VoteMsg {
                proposal_id: vote_id,
                vote: Vote::Yes,
                rationale: None,
                signature: None,
            }),
            &[],
        ),
    )?;
    let proposal: Value = dao
        .query(
            Contract::CouncilVote,
            &json!({"proposal": {"proposal_id": vote_id}}),
        )
        .map_err(|e| e.to_string())?;
    println!("  proposal {vote_id}: {}", proposal["status"]);
    step(
        "anyone closes the vote: the decision goes to the release contract",
        dao.execute(
            &deployer.addr,
            Contract::CouncilVote,
            &council_vote::ExecuteMsg::Close {
                proposal_id: vote_id,
            },
            &[],
        ),
    )?;
    expect_status(&dao, &release_id, "approved")?;

    section("4. Build & deploy: finalize with the artifacts' digests, publish");
    let files = [
        ("berty-2.500.0.apk", "android", "ipfs://bafyberty2500apk"),
        ("berty-2.500.0.ipa", "ios", "ipfs://bafyberty2500ipa"),
    ];
    let mut artifacts_list = Vec::new();
    for (name, platform, uri) in files {
        let bytes = format!("{name}: reproducible build of {release_id}").into_bytes();
        let path = args.out.join(name);
        std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        artifacts_list.push(Artifact {
            name: name.into(),
            platform: platform.into(),
            digest: digest(&bytes),
            uri: uri.into(),
        });
    }
    let apk_digest = artifacts_list[0].digest.clone();
    step(
        "carol finalizes: every gate re-checked now",
        dao.execute(
            &carol.addr,
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
        ),
    )?;
    step(
        "cyrus attests the Google Play publication with its key",
        dao.execute(
            &cyrus.addr,
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
        ),
    )?;
    expect_status(&dao, &release_id, "released")?;
    let head: Value = dao
        .query(
            Contract::Release,
            &json!({"trail_head": {"release_id": release_id}}),
        )
        .map_err(|e| e.to_string())?;
    println!(
        "  release trail: {} events, head {}",
        head["length"], head["head"]
    );

    section("The trail bundle");
    let bundle = dao.export_bundle(&release_id).map_err(|e| e.to_string())?;
    let path = args.out.join("bundle.json");
    let text = serde_json::to_string_pretty(&bundle).map_err(|e| e.to_string())?;
    std::fs::write(&path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(
        args.out.join("trail-head.txt"),
        format!("{}\n", head["head"].as_str().unwrap_or_default()),
    )
    .map_err(|e| e.to_string())?;
    println!(
        "  exported {} (and the two app files beside it)",
        path.display()
    );
    Ok(())
}

fn submit_for_vote(dao: &mut Dao, ctr: &Actor, release_id: &str) -> Result<TxOutcome, ChainError> {
    dao.execute(
        &ctr.addr,
        Contract::Release,
        &release::ExecuteMsg::SubmitForVote {
            release_id: release_id.into(),
        },
        &[],
    )
}

fn proposal_id(outcome: &TxOutcome) -> Step<u64> {
    outcome
        .attribute("wasm", "proposal_id")
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| "no proposal_id attribute".to_string())
}

fn vote(
    dao: &mut Dao,
    who: &Actor,
    proposal_id: u64,
    choice: Vote,
    rationale: Option<&str>,
    signed: bool,
) -> Step<()> {
    let rationale = rationale.map(str::to_owned);
    let signature = signed
        .then(|| {
            signing_digest(&BallotSigningPayload {
                chain_id: CHAIN_ID.into(),
                contract: dao.council_vote.to_string(),
                proposal_id,
                vote: choice,
                rationale: rationale.clone(),
            })
            .map(|d| who.key.sign(&d))
        })
        .transpose()
        .map_err(|e| e.to_string())?;
    let outcome = step(
        &format!(
            "{} votes {} on {proposal_id}{}",
            who.name,
            choice.as_str(),
            if signed { ", signed" } else { "" }
        ),
        dao.execute(
            &who.addr,
            Contract::CouncilVote,
            &council_vote::ExecuteMsg::Vote(VoteMsg {
                proposal_id,
                vote: choice,
                rationale,
                signature,
            }),
            &[],
        ),
    )?;
    if let Some(status) = outcome.attribute("wasm", "status").filter(|s| *s != "open") {
        println!("    → proposal {proposal_id} is {status}");
    }
    Ok(())
}

fn report(
    dao: &mut Dao,
    auditor: &Actor,
    release_id: &str,
    status: ReportStatus,
    n: u32,
) -> Step<()> {
    let report_uri = format!("ipfs://bafy{}report{n}", auditor.name);
    let report_digest = digest(format!("{} report {n} on {release_id}", auditor.name).as_bytes());
    let payload = ReportSigningPayload {
        chain_id: CHAIN_ID.into(),
        contract: dao.audit_registry.to_string(),
        release_id: release_id.into(),
        status,
        report_uri: report_uri.clone(),
        report_digest: report_digest.clone(),
    };
    let signature = auditor
        .key
        .sign(&signing_digest(&payload).map_err(|e| e.to_string())?);
    step(
        &format!("{} reports {}, signed", auditor.name, status.as_str()),
        dao.execute(
            &auditor.addr,
            Contract::AuditRegistry,
            &audit_registry::ExecuteMsg::SubmitReport(SubmitReportMsg {
                release_id: release_id.into(),
                status,
                report_uri,
                report_digest,
                signature: Some(signature),
            }),
            &[],
        ),
    )?;
    Ok(())
}

fn print_gates(dao: &Dao, release_id: &str) -> Step<()> {
    let gates: Value = dao
        .query(
            Contract::Release,
            &json!({"gates": {"release_id": release_id}}),
        )
        .map_err(|e| e.to_string())?;
    let mut blockers = collect_blockers(&gates);
    // The answer lists each blocker under its gate and again in the summary.
    let mut seen = std::collections::BTreeSet::new();
    blockers.retain(|b| seen.insert(b.clone()));
    println!("  gates now: {}", blockers.join("; "));
    Ok(())
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

fn expect_status(dao: &Dao, release_id: &str, want: &str) -> Step<()> {
    let answer: Value = dao
        .query(
            Contract::Release,
            &json!({"release": {"release_id": release_id}}),
        )
        .map_err(|e| e.to_string())?;
    if answer["status"] != json!(want) {
        return Err(format!("release is {}, expected {want}", answer["status"]));
    }
    println!("  release status: {want}");
    Ok(())
}
