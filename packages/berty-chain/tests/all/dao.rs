//! The DAO deployed from the real artifacts and `deploy/config.json`: the plan's addresses,
//! the benchmark's scenarios and their report.

use std::path::{Path, PathBuf};

use berty_chain::bench::gate::run_gate;
use berty_chain::bench::report::Report;
use berty_chain::bench::{run_berty, run_cw3, OPERATIONS};
use berty_chain::dao::{read_config, Actor, Artifacts, Contract, Dao};
use berty_chain::Chain;
use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn artifacts() -> Artifacts {
    Artifacts::open(&root().join("artifacts")).expect("artifacts: run scripts/build.sh first")
}

#[test]
fn the_dao_deploys_at_the_planned_addresses_with_council_vote_as_governance() {
    let config = read_config(&root().join("deploy/config.json")).unwrap();
    let chain = Chain::new("berty-test-1");
    let deployer = Actor::from_seed(&chain, "berty-demo/deployer", "deployer");
    let dao = Dao::deploy(chain, &artifacts(), &config, &deployer.addr, |_| {}).unwrap();
    assert_eq!(dao.membership.as_str(), dao.plan.membership);
    assert_eq!(dao.release.as_str(), dao.plan.release);
    assert_eq!(dao.deploy_gas.len(), 4);
    let membership: Value = dao
        .query(Contract::Membership, &json!({"config": {}}))
        .unwrap();
    assert_eq!(membership["owner"], json!(dao.council_vote));
    // The demo's seeds hold the config's roles.
    let alice = Actor::from_seed(&dao.chain, "berty-demo/alice", "alice");
    let member: Value = dao
        .query(
            Contract::Membership,
            &json!({"member": {"addr": alice.addr}}),
        )
        .unwrap();
    assert_eq!(member["role"], json!({"council": {"college": "activists"}}));
}

#[test]
fn the_benchmark_measures_every_operation_and_compares_with_cw3() {
    let cache = tempfile::tempdir().unwrap();
    let ours = run_berty(&artifacts(), cache.path(), 10).unwrap();
    for op in OPERATIONS {
        let gas = ours
            .operations
            .get(op)
            .unwrap_or_else(|| panic!("{op} measured"));
        assert!(gas.setup >= 60_000, "{op}: {gas}");
    }
    // Quorum 2/3 of 5 per college: 4 yes in each.
    assert_eq!(ours.ballots_cast, 8);
    // A ballot runs council-vote alone (SPEC section 7).
    assert_eq!(ours.operations["vote"].instances, 1);
    assert_eq!(ours.operations["report"].instances, 1);

    // The ballot target: at most 0.6 of cw3-flex-multisig's vote, measured here when
    // bench/cw-plus is built, else against its figure from bench/results.json (cw-plus is
    // pinned by bench/cw-plus/Cargo.lock and the chain is deterministic).
    const CW3_VOTE_AT_10: u64 = 154_847;
    let ballot = ours.operations["vote"].total();
    assert!(
        ballot as f64 <= 0.6 * CW3_VOTE_AT_10 as f64,
        "a ballot costs {ballot}, more than 0.6 × {CW3_VOTE_AT_10}"
    );
    let cw_plus = root().join("bench/cw-plus/artifacts");
    if !cw_plus.join("checksums.txt").exists() {
        eprintln!("skipping the cw3 half: run scripts/bench.sh to build bench/cw-plus");
        return;
    }
    let theirs = run_cw3(&cw_plus, cache.path(), 10).unwrap();
    assert_eq!(theirs.vote.total(), CW3_VOTE_AT_10);
    // The proposer's yes, then 6 more: 7 of 10 reaches the 2/3 quorum.
    assert_eq!(theirs.ballots_cast, 7);
    // cw3-flex queries the group on every ballot: two instances.
    assert_eq!(theirs.vote.instances, 2);
    let report = Report::new(vec![ours], vec![theirs], vec![]);
    let (_, ratio) = report.targets.ballot_ratio[0];
    assert!(ratio > 0.0 && ratio <= 0.6, "{ratio}");
    assert!(report.targets.ballot_ratio_met);
    let table = report.markdown();
    assert!(table.contains("| `vote` |"), "{table}");
    let svg = cache.path().join("gas.svg");
    report.chart(&svg).unwrap();
    assert!(std::fs::read_to_string(svg).unwrap().contains("<svg"));
}

#[test]
fn the_demo_runs_the_whole_process_and_its_bundle_verifies() {
    let out = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_berty-demo"))
        .current_dir(root())
        .args(["--out", out.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for step in [
        "victor reports no_go",
        "refused: ",
        "victor reports go_with_warnings",
        "release status: approved",
        "release status: released",
    ] {
        assert!(stdout.contains(step), "no {step:?} in\n{stdout}");
    }
    let text = std::fs::read_to_string(out.path().join("bundle.json")).unwrap();
    let bundle: berty_trail_verifier::Bundle = serde_json::from_str(&text).unwrap();
    let files: Vec<_> = ["berty-2.500.0.apk", "berty-2.500.0.ipa"]
        .iter()
        .map(|name| berty_trail_verifier::ArtifactFile {
            name: name.to_string(),
            bytes: std::fs::read(out.path().join(name)).unwrap(),
        })
        .collect();
    berty_trail_verifier::verify(&bundle, &files).expect("the demo's bundle verifies");
}

/// Issue 11 case 3 on the shipped artifacts: addresses that bond, report, unbond and claim
/// leave reports on the candidate, and the gate's execute paths cost the same after them
/// (scripts/bench.sh runs 1,000; the registry's own test counts storage reads after 1,000).
#[test]
fn the_gate_costs_the_same_after_addresses_reported_and_left() {
    let cache = tempfile::tempdir().unwrap();
    let none = run_gate(&artifacts(), cache.path(), 0).unwrap();
    let many = run_gate(&artifacts(), cache.path(), 40).unwrap();
    assert_eq!(many.reports, 41);
    let report = Report::new(vec![], vec![], vec![none.clone(), many.clone()]);
    assert!(report.targets.gate_met, "{:?}", report.targets.gate_growth);
    for (check, a, b) in [
        (
            "submit_for_vote",
            &none.submit_for_vote,
            &many.submit_for_vote,
        ),
        ("finalize", &none.finalize, &many.finalize),
    ] {
        // the same instances and the same storage reads: only the reports log's length and
        // head in the release log's commitment differ, by a digit
        assert_eq!(a.instances, b.instances, "{check}");
        let growth = b.total() as f64 / a.total() as f64 - 1.0;
        assert!(
            growth.abs() < 0.005,
            "{check}: {a} after none, {b} after 40"
        );
    }
    assert!(report.markdown().contains("| `submit_for_vote` |"));
}
