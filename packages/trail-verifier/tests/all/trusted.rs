//! `--trusted FILE` (SPEC 6): an update verifies against the bundle the installed app
//! shipped with. The new bundle must continue it (same chain id, same four contracts, a
//! members log whose first events are exactly the trusted ones, a higher version), and the
//! trusted file must verify itself; each break is named.

use berty_interface::membership::{MemberEventData, MemberEventKind};
use berty_interface::Role;
use berty_trail_verifier::{check_continues, verify, Bundle, Continuation, Continued, VerifyError};
use cosmwasm_std::testing::MockApi;
use cosmwasm_std::Addr;

use crate::cli::{berty_trail, scratch, text, write_bundle};
use crate::fixture::{bundle, insert_members_event, recommit, story, story_in, Setting, Variant};

/// The bundle the app installed: the standard story, release 2.0.0.
fn installed() -> Bundle {
    bundle(Variant::Standard)
}

/// The next release of the same DAO in `setting`, its members log the installed one's and
/// one more event (the outsider granted the auditor role in block 40, after every
/// commitment).
fn release_in(setting: Setting) -> Bundle {
    let mut b = story_in(Variant::Standard, setting).bundle();
    let outsider = story(Variant::Standard).people.outsider.addr;
    grant_at_40(&mut b, &outsider, Role::Auditor);
    b
}

fn grant_at_40(b: &mut Bundle, addr: &Addr, role: Role) {
    let owner = story(Variant::Standard).people.owner;
    let data = MemberEventData::Role {
        addr: addr.clone(),
        role,
    };
    let end = b.members_log.len();
    insert_members_event(b, end, 40, &owner, MemberEventKind::Granted, data);
    recommit(b);
}

/// 2.1.0, another candidate on the same chain and contracts.
fn update() -> Bundle {
    release_in(Setting::next_release())
}

fn with_version(version: &str) -> Bundle {
    release_in(Setting {
        version: version.into(),
        ..Setting::next_release()
    })
}

/// What `berty-trail verify BUNDLE --trusted TRUSTED` reports: the new bundle verifies,
/// then it must continue the trusted one.
fn continues(trusted: &Bundle, bundle: &Bundle) -> Result<Continued, VerifyError> {
    let verified = verify(bundle, &[]).expect("the new bundle verifies by itself");
    check_continues(trusted, bundle, &verified)
}

fn broken(trusted: &Bundle, bundle: &Bundle) -> (Continuation, String) {
    match continues(trusted, bundle) {
        Err(failure @ VerifyError::NotAContinuation { .. }) => {
            let text = failure.to_string();
            let VerifyError::NotAContinuation { problem } = failure else {
                unreachable!()
            };
            (problem, text)
        }
        other => panic!("expected a broken continuation, got {other:?}"),
    }
}

#[test]
fn a_valid_update_continues_the_installed_release() {
    let installed = installed();
    let update = update();
    assert_ne!(update.release_id, installed.release_id);
    assert_eq!(update.members_log.len(), installed.members_log.len() + 1);
    assert_eq!(
        continues(&installed, &update).unwrap(),
        Continued {
            trusted_version: "2.0.0".into(),
            members_events_kept: 15,
        }
    );
    // the members log unchanged, and newer versions by semver precedence
    let same_members = story_in(Variant::Standard, Setting::next_release()).bundle();
    continues(&installed, &same_members).unwrap();
    for version in ["2.0.1", "2.1.0-rc.1", "10.0.0"] {
        continues(&installed, &with_version(version)).unwrap();
    }
}

#[test]
fn an_update_on_another_chain_is_refused() {
    let other = release_in(Setting {
        chain_id: "berty-mainnet-2".into(),
        ..Setting::next_release()
    });
    let (problem, text) = broken(&installed(), &other);
    assert_eq!(
        problem,
        Continuation::ChainId {
            trusted: "cosmos-testnet-14002".into(),
            found: "berty-mainnet-2".into(),
        }
    );
    assert_eq!(
        text,
        "not an update of the trusted bundle: chain id berty-mainnet-2, the installed release's is cosmos-testnet-14002"
    );
}

#[test]
fn an_update_from_another_contract_is_refused() {
    let api = MockApi::default();
    let installed = installed();
    for contract in ["membership", "audit-registry", "council-vote", "release"] {
        let mut setting = Setting::next_release();
        let other = api.addr_make(&format!("{contract} 2"));
        let c = &mut setting.contracts;
        let was = match contract {
            "membership" => std::mem::replace(&mut c.membership, other.clone()),
            "audit-registry" => std::mem::replace(&mut c.audit_registry, other.clone()),
            "council-vote" => std::mem::replace(&mut c.council_vote, other.clone()),
            _ => std::mem::replace(&mut c.release, other.clone()),
        };
        let (problem, text) = broken(&installed, &release_in(setting));
        assert_eq!(
            problem,
            Continuation::Contract {
                contract,
                trusted: was.clone(),
                found: other.clone(),
            }
        );
        assert_eq!(
            text,
            format!("not an update of the trusted bundle: the {contract} contract is {other}, the installed release's is {was}")
        );
    }
}

#[test]
fn an_update_with_a_shorter_members_log_is_refused() {
    // the installed bundle already holds the grant of block 40; the update leaves it out
    let mut trusted = installed();
    let outsider = story(Variant::Standard).people.outsider.addr;
    grant_at_40(&mut trusted, &outsider, Role::Auditor);
    verify(&trusted, &[]).unwrap();
    let update = story_in(Variant::Standard, Setting::next_release()).bundle();
    let (problem, text) = broken(&trusted, &update);
    assert_eq!(
        problem,
        Continuation::MembersLogShorter {
            trusted: 16,
            found: 15,
        }
    );
    assert_eq!(
        text,
        "not an update of the trusted bundle: its members log has 15 events, fewer than the 16 the installed release already holds"
    );
}

#[test]
fn an_update_that_rewrites_a_members_event_is_refused() {
    // the installed bundle says the outsider was granted the auditor role in block 40; the
    // update says it became a core team representative
    let mut trusted = installed();
    let outsider = story(Variant::Standard).people.outsider.addr;
    grant_at_40(&mut trusted, &outsider, Role::Auditor);
    let mut rewritten = story_in(Variant::Standard, Setting::next_release()).bundle();
    grant_at_40(&mut rewritten, &outsider, Role::CoreTeamRep);
    let (problem, text) = broken(&trusted, &rewritten);
    let (was, now) = (
        &trusted.members_log[15].hash,
        &rewritten.members_log[15].hash,
    );
    assert_eq!(
        problem,
        Continuation::MembersHistoryRewritten {
            seq: 15,
            trusted: was.clone(),
            found: now.clone(),
        }
    );
    assert_eq!(
        text,
        format!("not an update of the trusted bundle: members event 15 differs from the installed release's (hash {now}, trusted {was}): the Council's history was rewritten")
    );

    // A forger's whole new history: the genesis grants of the first two activists swapped,
    // every hash and commitment recomputed. It verifies by itself; it is not the installed
    // history.
    let mut forged = update();
    forged.members_log.swap(0, 1);
    for (seq, entry) in (0..).zip(forged.members_log.iter_mut()) {
        entry.event.seq = seq;
    }
    recommit(&mut forged);
    let (problem, _) = broken(&installed(), &forged);
    assert!(
        matches!(
            problem,
            Continuation::MembersHistoryRewritten { seq: 0, .. }
        ),
        "{problem}"
    );
}

#[test]
fn an_update_that_is_not_newer_is_refused() {
    let installed = installed();
    for (version, why) in [
        ("2.0.0", "the same version"),
        ("1.9.9", "an older version"),
        (
            "2.0.0+build.7",
            "build metadata does not make a version newer",
        ),
        ("2.0.0-rc.1", "a release candidate comes before its release"),
    ] {
        let (problem, text) = broken(&installed, &with_version(version));
        assert_eq!(
            problem,
            Continuation::NotNewer {
                trusted: "2.0.0".into(),
                found: version.into(),
            },
            "{why}"
        );
        assert_eq!(
            text,
            format!("not an update of the trusted bundle: version {version} is not higher than the installed 2.0.0 (no rollback)")
        );
    }
    // the installed bundle itself, again
    let (_, text) = broken(&installed, &installed);
    assert_eq!(
        text,
        "not an update of the trusted bundle: version 2.0.0 is not higher than the installed 2.0.0 (no rollback)"
    );
}

#[test]
fn a_version_that_is_not_semver_is_refused() {
    let (problem, text) = broken(&installed(), &with_version("v2.1"));
    assert!(
        matches!(&problem, Continuation::BadVersion { version, .. } if version == "v2.1"),
        "{problem}"
    );
    assert_eq!(
        text,
        "not an update of the trusted bundle: version v2.1 is not a semver version: unexpected character 'v' while parsing major version number"
    );
    // the installed one's too
    let trusted = story_in(
        Variant::Standard,
        Setting {
            version: "2.0".into(),
            ..Setting::standard()
        },
    )
    .bundle();
    let (_, text) = broken(&trusted, &update());
    assert_eq!(
        text,
        "not an update of the trusted bundle: version 2.0 is not a semver version: unexpected end of input while parsing minor version number"
    );
}

#[test]
fn a_trusted_bundle_that_fails_verification_is_refused() {
    let mut trusted = installed();
    trusted.reports_log[1].event.height += 1;
    let own = verify(&trusted, &[]).unwrap_err();
    let (problem, text) = broken(&trusted, &update());
    assert_eq!(problem, Continuation::TrustedInvalid(Box::new(own.clone())));
    assert_eq!(
        text,
        format!("not an update of the trusted bundle: the trusted bundle fails verification itself: {own}")
    );
    assert!(
        own.to_string().starts_with("reports log, seq 1: hash "),
        "{own}"
    );
}

#[test]
fn the_command_checks_an_update_against_the_installed_bundle() {
    let dir = scratch("trusted");
    let installed_path = write_bundle(&dir, "installed.json", &installed());
    let update_path = write_bundle(&dir, "update.json", &update());
    let (installed_file, update_file) = (
        installed_path.to_str().unwrap(),
        update_path.to_str().unwrap(),
    );

    let out = berty_trail(&["verify", update_file, "--trusted", installed_file]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.starts_with("OK: release 2.1.0 ("), "{stdout}");
    assert!(
        stdout.ends_with("\nupdate of the installed release 2.0.0: same chain and contracts, its 15 members events unchanged, version 2.1.0 is newer\n"),
        "{stdout}"
    );

    // a rollback: the older release checked against the newer one, whose members log it
    // does not hold; the same release again
    let out = berty_trail(&["verify", installed_file, "--trusted", update_file]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "FAILED: not an update of the trusted bundle: its members log has 15 events, fewer than the 16 the installed release already holds\n"
    );
    let out = berty_trail(&["verify", installed_file, "--trusted", installed_file]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "FAILED: not an update of the trusted bundle: version 2.0.0 is not higher than the installed 2.0.0 (no rollback)\n"
    );

    // an installed file that does not verify
    let mut tampered = installed();
    tampered.reports_log[1].event.height += 1;
    let own = verify(&tampered, &[]).unwrap_err();
    let tampered_path = write_bundle(&dir, "tampered.json", &tampered);
    let out = berty_trail(&[
        "verify",
        update_file,
        "--trusted",
        tampered_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        format!("FAILED: not an update of the trusted bundle: the trusted bundle fails verification itself: {own}\n")
    );

    // a new bundle that fails is refused for itself, whatever is installed
    let out = berty_trail(&[
        "verify",
        tampered_path.to_str().unwrap(),
        "--trusted",
        installed_file,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), format!("FAILED: {own}\n"));

    // usage and file errors
    let missing = dir.join("missing.json");
    for (args, message) in [
        (
            vec!["verify", update_file, "--trusted"],
            "--trusted needs a value".to_string(),
        ),
        (
            vec![
                "verify",
                update_file,
                "--trusted",
                missing.to_str().unwrap(),
            ],
            format!("{}: ", missing.display()),
        ),
        (
            vec!["render", update_file, "--trusted", installed_file],
            "unknown option --trusted".to_string(),
        ),
    ] {
        let out = berty_trail(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(&message), "{args:?}: {stderr}");
    }
}
