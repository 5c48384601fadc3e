//! `scripts/export-bundle.sh` (a wrapper of `berty-trail export`) against a stand-in CLI
//! (`tests/fake-cli/wasmd`, answering from a known bundle in pages of 3): the bundle, the
//! queries it sends, its failures.

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

fn script_command() -> Command {
    let mut command = Command::new("bash");
    // the berty-trail this test binary was built with, not one the script would build
    command
        .arg(script())
        .env("BERTY_TRAIL", env!("CARGO_BIN_EXE_berty-trail"));
    command
}

fn export(args: &[&str], served: Option<&Path>) -> Output {
    let mut command = script_command();
    command.args(args);
    if let Some(bundle) = served {
        command.env("FAKE_BUNDLE", bundle);
    }
    command.output().unwrap()
}

/// The standard bundle, written to `test`'s scratch directory for the stand-in CLI to
/// serve (its path), and the stand-in CLI's path.
fn served_by_fake_cli(test: &str) -> (Bundle, PathBuf, PathBuf) {
    let expected = bundle(Variant::Standard);
    let served = write_bundle(&scratch(test), "served.json", &expected);
    (expected, served, crate_dir().join("tests/fake-cli/wasmd"))
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
    let (expected, served, fake) = served_by_fake_cli("export-script");
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
fn the_export_sends_one_query_per_page_of_each_log() {
    let (expected, served, fake) = served_by_fake_cli("export-script-queries");
    let fake = fake.to_str().unwrap();
    let c = &expected.contracts;
    let mut args = live_args(fake, c.release.as_str()).to_vec();
    args.push("--verbose");
    let out = export(&args, Some(&served));
    assert_eq!(out.status.code(), Some(0));
    let query = |contract: &str, msg: &str| {
        format!("{fake} query wasm contract-state smart {contract} '{msg}' --node http://localhost:26657 -o json")
    };
    // The first page of each list (start_after null), in the order they are read.
    let mut first_pages = vec![
        query(c.release.as_str(), r#"{"config":{}}"#),
        query(
            c.release.as_str(),
            &format!(r#"{{"release":{{"release_id":"{RELEASE_ID}"}}}}"#),
        ),
        query(
            c.release.as_str(),
            &format!(
                r#"{{"trail":{{"release_id":"{RELEASE_ID}","start_after":null,"limit":100}}}}"#
            ),
        ),
        query(
            c.audit_registry.as_str(),
            &format!(
                r#"{{"report_log":{{"release_id":"{RELEASE_ID}","start_after":null,"limit":100}}}}"#
            ),
        ),
    ];
    for vote in &expected.votes {
        let id = vote.proposal.id;
        let council = c.council_vote.as_str();
        first_pages.push(query(
            council,
            &format!(r#"{{"proposal":{{"proposal_id":{id}}}}}"#),
        ));
        first_pages.push(query(
            council,
            &format!(r#"{{"ballots":{{"proposal_id":{id},"start_after":null,"limit":100}}}}"#),
        ));
        first_pages.push(query(
            council,
            &format!(r#"{{"ballot_log":{{"proposal_id":{id},"start_after":null,"limit":100}}}}"#),
        ));
    }
    first_pages.push(query(
        c.membership.as_str(),
        r#"{"member_log":{"start_after":null,"limit":100}}"#,
    ));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let sent: Vec<&str> = stderr.lines().collect();
    assert!(
        sent.iter()
            .all(|l| l.starts_with(&format!("{fake} query wasm contract-state smart "))),
        "{stderr}"
    );
    let firsts: Vec<&str> = sent
        .iter()
        .copied()
        .filter(|l| l.contains(r#""start_after":null"#) || !l.contains("start_after"))
        .collect();
    assert_eq!(firsts, first_pages);
    // Pages of 3: the members log alone needs more than one page, and each page asks
    // after the last seq it got.
    assert!(
        sent.iter()
            .any(|l| l.contains(r#"{"member_log":{"start_after":2,"limit":100}}"#)),
        "{stderr}"
    );
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
        stderr.starts_with("berty-trail export: false query wasm contract-state smart wasm1release '{\"config\":{}}' --node http://localhost:26657 -o json failed"),
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
    let (expected, served, fake) = served_by_fake_cli("export-script-stuck");
    let args = live_args(fake.to_str().unwrap(), expected.contracts.release.as_str());
    // the stand-in ignores start_after on the trail
    let out = script_command()
        .args(args)
        .env("FAKE_BUNDLE", &served)
        .env("FAKE_STUCK", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a log page after seq 2 starts at seq 0: the node does not page by seq")
            && stderr.starts_with("berty-trail export: "),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}
