//! A valid bundle verifies, and the verifier re-derives what the contracts decided.

use berty_interface::audit_registry::ReportStatus;
use berty_interface::council_vote::{CollegeTally, RejectionReason};
use berty_interface::release::{ReleaseEventKind, ReleaseStatus};
use berty_interface::College;
use berty_trail_verifier::{render, verify, ArtifactFile, Bundle};

use crate::fixture::{bundle, digest_of, story, Variant, ANDROID, IOS};

fn file(name: &str, bytes: &[u8]) -> ArtifactFile {
    ArtifactFile {
        name: name.into(),
        bytes: bytes.to_vec(),
    }
}

#[test]
fn valid_bundle_verifies_with_artifacts() {
    let bundle = bundle(Variant::Standard);
    let verified = verify(
        &bundle,
        &[file("berty.apk", ANDROID), file("berty.ipa", IOS)],
    )
    .unwrap();
    assert_eq!(verified.version, "2.0.0");
    assert_eq!(verified.status, ReleaseStatus::Released);
    assert_eq!(verified.release_log.length, 8);
    assert_eq!(
        verified.release_log.head,
        bundle.release_log.last().unwrap().hash
    );
    assert_eq!(verified.uncommitted_members_events, 0);
    // both decisions commit to the rules they were decided under
    assert!(verified.votes.iter().all(|v| v.rules_committed));
    // 2 signed reports, 2 signed ballots in each vote
    assert_eq!(verified.signatures_checked, 6);
    assert_eq!(verified.unverifiable_signatures, 0);
    let matched: Vec<(&str, &str)> = verified
        .artifacts
        .iter()
        .map(|m| (m.file.as_str(), m.artifact.as_str()))
        .collect();
    assert_eq!(
        matched,
        vec![
            ("berty.apk", "berty-2.0.0.apk"),
            ("berty.ipa", "berty-2.0.0.ipa")
        ]
    );
}

#[test]
fn gates_count_only_reports_of_auditors_of_the_moment() {
    let s = story(Variant::Standard);
    let verified = verify(&s.bundle(), &[]).unwrap();
    let kinds: Vec<ReleaseEventKind> = verified.gates.iter().map(|g| g.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ReleaseEventKind::VoteOpened,
            ReleaseEventKind::VoteOpened,
            ReleaseEventKind::Finalized
        ]
    );
    let view = |i: usize| -> Vec<(String, ReportStatus, bool)> {
        verified.gates[i]
            .gate
            .reports
            .iter()
            .map(|r| (r.auditor.to_string(), r.status, r.counted))
            .collect()
    };
    let auditor = s.people.auditor.addr.to_string();
    let no_go = s.people.no_go_auditor.addr.to_string();
    let mut first = vec![
        (auditor.clone(), ReportStatus::Go, true),
        (no_go.clone(), ReportStatus::NoGo, false),
    ];
    first.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(view(0), first);
    // at finalization the auditor's newer report replaced its first one
    let mut last = vec![
        (auditor, ReportStatus::GoWithWarnings, true),
        (no_go, ReportStatus::NoGo, false),
    ];
    last.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(view(2), last);
    assert!(verified.gates.iter().all(|g| g.gate.passed));
}

#[test]
fn votes_are_re_derived_per_college() {
    let verified = verify(&bundle(Variant::Standard), &[]).unwrap();
    let [first, second] = &verified.votes[..] else {
        panic!("two votes expected, got {:?}", verified.votes);
    };
    assert_eq!(first.proposal_id, 1);
    assert_eq!(first.recorded, Some(false));
    let rejection = first.outcome.rejection.unwrap();
    assert_eq!(
        (rejection.reason, rejection.college),
        (RejectionReason::TurnoutNotMet, College::Activists)
    );
    assert_eq!(
        first.tally.activists,
        CollegeTally {
            yes: 1,
            no: 0,
            abstain: 0,
            eligible: 3
        }
    );
    assert_eq!(second.proposal_id, 2);
    assert_eq!(second.recorded, Some(true));
    assert!(second.outcome.passed());
    assert_eq!(
        second.tally.technologists,
        CollegeTally {
            yes: 2,
            no: 0,
            abstain: 1,
            eligible: 3
        }
    );
    assert_eq!(second.ballots.len(), 6);
}

#[test]
fn bundle_survives_its_json_file() {
    let bundle = bundle(Variant::Standard);
    let text = bundle.to_json_pretty();
    let read = Bundle::from_json(text.as_bytes()).unwrap();
    assert_eq!(read, bundle);
    verify(&read, &[]).unwrap();
    // compact JSON too, as a node CLI prints it
    let compact = serde_json::to_vec(&bundle).unwrap();
    verify(&Bundle::from_json(&compact).unwrap(), &[]).unwrap();
}

#[test]
fn render_gives_a_readable_account() {
    let s = story(Variant::Standard);
    let text = render(&s.bundle());
    for expected in [
        "Berty DAO release trail: Berty 2.0.0",
        "VERIFIED: every hash chain",
        "status: released",
        "proposed by",
        &format!("{} says go, key", s.people.auditor.addr),
        &format!(
            "{} no_go (report seq 1): not counted (not an auditor then)",
            s.people.no_go_auditor.addr
        ),
        "activists: 1 yes, 0 no, 0 abstain of 3 eligible; turnout not met, approval met",
        "decision: rejected (turnout_not_met in activists)",
        "decision: passed",
        "berty-2.0.0.apk (android): sha256",
        "google_play:",
        "\"Second audit is clean.\"",
        "This head anchors the whole account",
        &format!(
            "proposed by {} (core team representative)",
            s.people.ctr.addr
        ),
        &format!(
            "decision by {} (the council-vote contract)",
            s.contracts.council_vote
        ),
        &format!(
            "google_play: berty-2.0.0.apk (sha256 {}) by {}",
            digest_of(ANDROID),
            s.people.ctr.addr
        ),
        &format!(
            "    {} official auditor, key {}",
            s.people.auditor.addr,
            s.people.auditor.pubkey().to_base64()
        ),
        &format!(
            "    {} core team representative, no key",
            s.people.keyless_ctr.addr
        ),
        "== What this account does not prove",
        &format!(
            "role changes after the genesis block, and who sent them:\n    [14] block 23: revoked {} official auditor by {}",
            s.people.no_go_auditor.addr, s.people.owner
        ),
        "rules, committed by the release log's decision: activists quorum 0.666666666666666666, threshold 0.5; technologists quorum 0.666666666666666666, threshold 0.5; voting period 604800 s; revoting not allowed; execution window 1209600 s",
        "proposal 2: passed; activists 2 yes, 1 no, 0 abstain of 3 eligible; technologists 2 yes, 0 no, 1 abstain of 3 eligible; ballots log 6 events (",
        "); under the rules activists quorum 0.666666666666666666, threshold 0.5; technologists quorum 0.666666666666666666, threshold 0.5; voting period 604800 s; revoting not allowed; execution window 1209600 s\n",
        "- The voting rules of a vote without a recorded decision, or with a decision of the first version (which does not hold them): the release log commits",
        "--trail-head HEX",
        "--artifact FILE",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn render_of_a_failing_bundle_says_so_first() {
    let mut bundle = bundle(Variant::Standard);
    bundle.members_log.remove(3);
    let text = render(&bundle);
    let failed = text.lines().find(|l| l.starts_with("FAILED: ")).unwrap();
    assert_eq!(
        failed,
        "FAILED: members log, seq 3: seq 4 where 3 comes next (an event is missing or repeated)"
    );
    assert!(!text.contains("VERIFIED"));
    assert!(text.contains("tally (as answered, not verified)"));
}

#[test]
fn with_revoting_the_newest_ballot_counts() {
    let bundle = bundle(Variant::Revoting);
    assert_eq!(bundle.votes[1].ballots_log.len(), 7);
    let verified = verify(&bundle, &[]).unwrap();
    let second = &verified.votes[1];
    assert!(second.outcome.passed());
    assert_eq!(
        second.tally.activists,
        CollegeTally {
            yes: 2,
            no: 1,
            abstain: 0,
            eligible: 3
        }
    );
    // the superseded signed ballot's rationale text is gone: counted, not checked
    assert_eq!(second.unverifiable_signatures, 1);
    assert_eq!(verified.unverifiable_signatures, 1);
    assert_eq!(verified.signatures_checked, 6);
    assert_eq!(second.ballots.iter().map(|b| b.seq).min(), Some(1));
}

#[test]
fn a_withdrawn_release_verifies() {
    let verified = verify(&bundle(Variant::Withdrawn), &[]).unwrap();
    assert_eq!(verified.status, ReleaseStatus::Withdrawn);
    assert_eq!(verified.votes.len(), 1);
    assert_eq!(verified.gates.len(), 1);
    // no artifact was finalized
    let error = verify(&bundle(Variant::Withdrawn), &[file("berty.apk", ANDROID)]).unwrap_err();
    assert!(matches!(
        error,
        berty_trail_verifier::VerifyError::UnknownArtifact { .. }
    ));
    assert!(render(&bundle(Variant::Withdrawn)).contains("withdrawn by"));
}

/// A bundle exported by `Bundle::export` from a run of the four real contracts (the demo's;
/// `complete-run-v1.json` keeps the first one, see below).
#[test]
fn a_bundle_of_the_real_contracts_verifies() {
    let bytes = include_bytes!("../vectors/complete-run.json");
    let bundle = Bundle::from_json(bytes).unwrap();
    let verified = verify(&bundle, &[file("berty-2.1.0.apk", b"berty-2.1.0.apk")]).unwrap();
    assert_eq!(verified.version, "2.1.0");
    assert_eq!(verified.status, ReleaseStatus::Released);
    assert_eq!(verified.signatures_checked, 8);
    assert!(verified.votes[0].outcome.passed());
    let mut changed = bundle.clone();
    changed.votes[0].ballots_log[0].event.height += 1;
    assert!(verify(&changed, &[]).is_err());
}

/// The first bundle of the real contracts (`berty-testing`'s `complete` flow, at commit
/// 36f20a6), exported before the release log committed to rules (its decision has none),
/// before slashes voided reports and before rules had an execution window: a bundle of the
/// first version keeps verifying, and the account says the rules are the council's answer.
#[test]
fn a_first_version_bundle_of_the_real_contracts_still_verifies() {
    let bytes = include_bytes!("../vectors/complete-run-v1.json");
    let bundle = Bundle::from_json(bytes).unwrap();
    let decision = bundle
        .release_log
        .iter()
        .find(|e| e.event.kind == ReleaseEventKind::Decision)
        .unwrap();
    let hashed = serde_json::to_string(&decision.event.data).unwrap();
    assert!(!hashed.contains("rules"), "{hashed}");
    let verified = verify(&bundle, &[]).unwrap();
    assert_eq!(verified.version, "2.1.0");
    assert!(!verified.votes[0].rules_committed);
    assert!(verified.votes[0].outcome.passed());
    assert_eq!(bundle.release.decision.as_ref().unwrap().rules, None);
    let text = render(&bundle);
    for expected in [
        "; rules not committed (a decision of the first version)\n",
        "rules, as the council answers them (its decision, of the first version, does not commit to them): activists quorum 0.666666666666666666",
        // rules of the first version had no execution window: the default is shown
        "revoting not allowed; execution window 1209600 s\n",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}
