//! `scripts/export-bundle.sh` against a stand-in CLI (`tests/fake-cli/wasmd`, answering from
//! a known bundle in pages of 3), and its dry run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use berty_trail_verifier::{verify, Bundle};

use crate::cli::{scratch, write_bundle};
use crate::fixture::{bundle, Variant, CHAIN_ID, RELEASE_ID};

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn script() -> PathBuf {
    crate_dir().join("../../scripts/export-bundle.sh")
}

fn export(args: &[&str], served: Option<&Path>) -> Output {
    let mut command = Command::new("bash");
    command.arg(script()).args(args);
    if let Some(bundle) = served {
        command.env("FAKE_BUNDLE", bundle);
    }
    command.output().unwrap()
}

/// The script's arguments for the stand-in CLI and the fixture's release.
fn live_args<'a>(cli: &'a str, release: &'a str) -> [&'a str; 10] {
    [
        "--cli",
        cli,
        "--node",
        "http://localhost:26657",
        "--chain-id",
        CHAIN_ID,
        "--release",
        release,
        "--release-id",
        RELEASE_ID,
    ]
}

#[test]
fn the_script_exports_the_bundle_page_by_page() {
    let dir = scratch("export-script");
    let expected = bundle(Variant::Standard);
    let served = write_bundle(&dir, "served.json", &expected);
    let fake = crate_dir().join("tests/fake-cli/wasmd");
    let out = export(
        &live_args(fake.to_str().unwrap(), expected.contracts.release.as_str()),
        Some(&served),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported = Bundle::from_json(&out.stdout).unwrap();
    assert_eq!(exported, expected);
    verify(&exported, &[]).unwrap();
}

#[test]
fn the_dry_run_prints_each_query() {
    let out = export(
        &[
            "--dry-run",
            "--node",
            "http://localhost:26657",
            "--chain-id",
            CHAIN_ID,
            "--release",
            "wasm1release",
            "--release-id",
            RELEASE_ID,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let query = |contract: &str, msg: &str| {
        format!("wasmd query wasm contract-state smart {contract} '{msg}' --node http://localhost:26657 -o json")
    };
    let expected = [
        query("wasm1release", r#"{"config":{}}"#),
        query(
            "wasm1release",
            &format!(r#"{{"release":{{"release_id":"{RELEASE_ID}"}}}}"#),
        ),
        query(
            "wasm1release",
            &format!(
                r#"{{"trail":{{"release_id":"{RELEASE_ID}","start_after":null,"limit":100}}}}"#
            ),
        ),
        query(
            "'<audit_registry>'",
            &format!(
                r#"{{"report_log":{{"release_id":"{RELEASE_ID}","start_after":null,"limit":100}}}}"#
            ),
        ),
        query(
            "'<council_vote>'",
            r#"{"proposal":{"proposal_id":"<proposal_id>"}}"#,
        ),
        query(
            "'<council_vote>'",
            r#"{"ballots":{"proposal_id":"<proposal_id>","start_after":null,"limit":100}}"#,
        ),
        query(
            "'<council_vote>'",
            r#"{"ballot_log":{"proposal_id":"<proposal_id>","start_after":null,"limit":100}}"#,
        ),
        query(
            "'<membership>'",
            r#"{"member_log":{"start_after":null,"limit":100}}"#,
        ),
    ];
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn a_failing_query_or_bad_arguments_stop_the_export() {
    let common = [
        "--node",
        "http://localhost:26657",
        "--chain-id",
        CHAIN_ID,
        "--release",
        "wasm1release",
        "--release-id",
        RELEASE_ID,
    ];
    let mut args = vec!["--cli", "false"];
    args.extend(common);
    let out = export(&args, None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("export-bundle.sh: false query wasm contract-state smart wasm1release '{\"config\":{}}'"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());

    let out = export(&common[..6], None);
    assert_eq!(out.status.code(), Some(2));
    let mut args = common.to_vec();
    args[7] = "not-a-digest";
    let out = export(&args, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--release-id must be 64 lowercase hex"));
}

#[test]
fn the_script_stops_at_a_node_that_does_not_page_on() {
    let dir = scratch("export-script-stuck");
    let expected = bundle(Variant::Standard);
    let served = write_bundle(&dir, "served.json", &expected);
    let fake = crate_dir().join("tests/fake-cli/wasmd");
    let args = live_args(fake.to_str().unwrap(), expected.contracts.release.as_str());
    // the stand-in ignores start_after on the trail
    let out = Command::new("bash")
        .arg(script())
        .args(args)
        .env("FAKE_BUNDLE", &served)
        .env("FAKE_STUCK", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "export-bundle.sh: a page of events after 2 starts at 0: the node does not page on"
        ),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}
