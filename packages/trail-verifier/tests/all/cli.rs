//! The `berty-trail` command as a user runs it: exit codes and what it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use berty_trail_verifier::Bundle;

use crate::fixture::{bundle, Variant, ANDROID};

/// A fresh directory for one test under cargo's scratch space.
pub fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("trail-verifier-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write_bundle(dir: &Path, name: &str, bundle: &Bundle) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bundle.to_json_pretty()).unwrap();
    path
}

/// Runs the `berty-trail` binary this test crate was built with.
pub fn berty_trail(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_berty-trail"))
        .args(args)
        .output()
        .unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A path as a command-line argument (test paths are UTF-8).
fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn verify_prints_an_account_and_exits_zero() {
    let dir = scratch("verify-ok");
    let bundle = bundle(Variant::Standard);
    let path = write_bundle(&dir, "bundle.json", &bundle);
    let apk = dir.join("berty.apk");
    std::fs::write(&apk, ANDROID).unwrap();
    let head = bundle.release_log.last().unwrap().hash.clone();
    let out = berty_trail(&[
        "verify",
        arg(&path),
        "--artifact",
        arg(&apk),
        "--trail-head",
        &head,
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.starts_with(&format!("OK: release 2.0.0 ({})\n", bundle.release_id)));
    assert!(stdout.contains(&format!("release log: 8 events, head {head}")));
    assert!(stdout.contains("proposal 1: rejected"));
    assert!(stdout.contains("proposal 2: passed"));
    assert!(stdout.contains(&format!("artifact file {}: berty-2.0.0.apk", apk.display())));
    assert!(stdout.contains("signatures verified: 6"));
    assert!(stdout.ends_with("release log head: the one given by --trail-head\n"));

    // the head as a tool might print it, in capitals
    let upper = head.to_ascii_uppercase();
    let out = berty_trail(&["verify", arg(&path), "--trail-head", &upper]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));

    // without an anchor, the account says what is left unproven
    let out = berty_trail(&["verify", arg(&path)]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("release log head: not compared (no --trail-head)"));
}

#[test]
fn verify_exits_one_naming_the_failure() {
    let dir = scratch("verify-failed");
    let mut tampered = bundle(Variant::Standard);
    tampered.reports_log[1].event.height += 1;
    let path = write_bundle(&dir, "bundle.json", &tampered);
    let out = berty_trail(&["verify", arg(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("FAILED: reports log, seq 1: hash "),
        "{stdout}"
    );

    let path = write_bundle(&dir, "good.json", &bundle(Variant::Standard));
    let other = dir.join("other.bin");
    std::fs::write(&other, b"not a release artifact").unwrap();
    let out = berty_trail(&["verify", arg(&path), "--artifact", arg(&other)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("is not the digest of a finalized artifact"));

    let zeros = "0".repeat(64);
    let out = berty_trail(&["verify", arg(&path), "--trail-head", &zeros]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("FAILED: the release log head is "));
}

#[test]
fn render_writes_the_account() {
    let dir = scratch("render");
    let path = write_bundle(&dir, "bundle.json", &bundle(Variant::Standard));
    let out = berty_trail(&["render", arg(&path)]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("Berty DAO release trail: Berty 2.0.0\n"));

    let account = dir.join("TRAIL.txt");
    let out = berty_trail(&["render", arg(&path), "-o", arg(&account)]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&account).unwrap(), stdout);

    // a failing bundle is not rendered
    let mut tampered = bundle(Variant::Standard);
    tampered.members_log.pop();
    let bad = write_bundle(&dir, "bad.json", &tampered);
    let bad_account = dir.join("BAD.txt");
    let out = berty_trail(&["render", arg(&bad), "-o", arg(&bad_account)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("FAILED: "));
    assert!(!bad_account.exists());
}

#[test]
fn usage_errors_exit_two() {
    let dir = scratch("usage");
    let not_json = dir.join("not.json");
    std::fs::write(&not_json, b"{").unwrap();
    for (args, message) in [
        (vec![], "no command"),
        (vec!["check", "x.json"], "unknown command check"),
        (vec!["verify"], "no BUNDLE given"),
        (
            vec!["verify", "a.json", "b.json"],
            "unexpected argument b.json",
        ),
        (
            vec!["verify", "a.json", "--artifact"],
            "--artifact needs a value",
        ),
        (
            vec!["render", "a.json", "--artifact", "f"],
            "unknown option --artifact",
        ),
        (
            vec!["verify", "/nonexistent/bundle.json"],
            "/nonexistent/bundle.json: ",
        ),
        (vec!["verify", arg(&not_json)], "not a bundle"),
    ] {
        let out = berty_trail(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(stderr.contains("usage:"), "{stderr}");
    }
}
