//! Every tampering, and every story that did not follow the rules, is refused, naming the
//! log, the seq and what is wrong.

use berty_interface::council_vote::Vote;
use berty_interface::release::ReleaseStatus;
use berty_trail_verifier::{verify, ArtifactFile, Bundle, LogId, Problem, VerifyError};
use proptest::prelude::*;
use std::sync::OnceLock;

use crate::fixture::{bundle, digest_of, story, Variant, ANDROID};

fn failure(bundle: &Bundle) -> VerifyError {
    verify(bundle, &[]).expect_err("the bundle must be refused")
}

/// Why `variant`'s bundle is refused, as the verifier says it.
fn refusal_text(variant: Variant) -> String {
    failure(&bundle(variant)).to_string()
}

/// The failure of the standard bundle after `edit`.
fn failure_after(edit: impl FnOnce(&mut Bundle)) -> VerifyError {
    let mut edited = bundle(Variant::Standard);
    edit(&mut edited);
    failure(&edited)
}

/// What is wrong with `variant`'s bundle, asserted to be refused at `seq` of `log`.
#[track_caller]
fn event_failure_at(variant: Variant, log: LogId, seq: u64) -> Problem {
    match failure(&bundle(variant)) {
        VerifyError::Event {
            log: found_log,
            seq: found_seq,
            problem,
        } => {
            assert_eq!((found_log, found_seq), (log, seq), "{variant:?}: {problem}");
            problem
        }
        other => panic!("{variant:?}: expected an event failure, got {other}"),
    }
}

/// The logs of a bundle, with their events' offsets in the bundle's compact JSON text.
fn event_spans(text: &str, bundle: &Bundle) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut add = |log: LogId, seq: u64, event_json: String| {
        let start = text
            .find(&event_json)
            .expect("the event appears in the file");
        spans.push((log, seq, start, event_json.len()));
    };
    for e in &bundle.release_log {
        add(
            LogId::Release,
            e.event.seq,
            serde_json::to_string(&e.event).unwrap(),
        );
    }
    for e in &bundle.reports_log {
        add(
            LogId::Reports,
            e.event.seq,
            serde_json::to_string(&e.event).unwrap(),
        );
    }
    for vote in &bundle.votes {
        let log = LogId::Ballots {
            proposal_id: vote.proposal.id,
        };
        for e in &vote.ballots_log {
            add(log, e.event.seq, serde_json::to_string(&e.event).unwrap());
        }
    }
    for e in &bundle.members_log {
        add(
            LogId::Members,
            e.event.seq,
            serde_json::to_string(&e.event).unwrap(),
        );
    }
    spans
}

#[test]
fn canonical_json_is_what_the_file_holds() {
    // The spans below find events by their compact JSON: the file's bytes are the hashed ones.
    let bundle = bundle(Variant::Standard);
    for e in &bundle.release_log {
        assert_eq!(
            serde_json::to_vec(&e.event).unwrap(),
            cosmwasm_std::to_json_vec(&e.event).unwrap()
        );
    }
}

type Span = (LogId, u64, usize, usize);

/// The standard bundle, its compact JSON file and its events' spans, built once.
fn standard_file() -> &'static (Bundle, String, Vec<Span>) {
    static FILE: OnceLock<(Bundle, String, Vec<Span>)> = OnceLock::new();
    FILE.get_or_init(|| {
        let bundle = bundle(Variant::Standard);
        let text = serde_json::to_string(&bundle).unwrap();
        let spans = event_spans(&text, &bundle);
        (bundle, text, spans)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// One changed byte in any event: the file no longer reads as a bundle, or verify
    /// names that event.
    #[test]
    fn one_changed_byte_in_any_event_is_refused(pick in any::<prop::sample::Index>(), offset in any::<prop::sample::Index>(), replacement in prop::sample::select(b"0123456789abcdefxyzAZ\":,{}[] ".to_vec())) {
        let (bundle, text, spans) = standard_file();
        let (log, seq, start, len) = spans[pick.index(spans.len())];
        let at = start + offset.index(len);
        prop_assume!(text.as_bytes()[at] != replacement);
        let mut bytes = text.clone().into_bytes();
        bytes[at] = replacement;
        if let Ok(changed) = Bundle::from_json(&bytes) {
            prop_assume!(&changed != bundle);
            match verify(&changed, &[]) {
                Err(VerifyError::Event { log: found_log, seq: found_seq, .. }) => {
                    prop_assert_eq!((found_log, found_seq), (log, seq));
                }
                other => prop_assert!(false, "{:?} seq {}: {:?}", log, seq, other),
            }
        }
    }
}

#[test]
fn a_dropped_event_is_refused_in_every_log() {
    let original = bundle(Variant::Standard);
    let counts = [
        ("release", original.release_log.len()),
        ("reports", original.reports_log.len()),
        ("ballots", original.votes[1].ballots_log.len()),
        ("members", original.members_log.len()),
    ];
    for (log, count) in counts {
        for index in 0..count {
            let mut bundle = original.clone();
            match log {
                "release" => drop(bundle.release_log.remove(index)),
                "reports" => drop(bundle.reports_log.remove(index)),
                "ballots" => drop(bundle.votes[1].ballots_log.remove(index)),
                _ => drop(bundle.members_log.remove(index)),
            }
            let error = failure(&bundle);
            if index + 1 < count {
                assert!(
                    matches!(
                        error,
                        VerifyError::Event {
                            seq,
                            problem: Problem::SeqGap { expected, found },
                            ..
                        } if seq == index as u64 && expected == seq && found == seq + 1
                    ),
                    "{log} {index}: {error}"
                );
            }
        }
    }
}

#[test]
fn a_dropped_last_event_is_refused_by_what_commits_to_it() {
    assert_eq!(
        failure_after(|bundle| {
            bundle.members_log.pop();
        })
        .to_string(),
        "release log, seq 1: vote_opened commits to 15 events of the members log, which holds 14"
    );
    assert!(matches!(
        failure_after(|bundle| {
            bundle.votes[1].ballots_log.pop();
        }),
        VerifyError::Vote {
            proposal_id: 2,
            problem: Problem::ProposalMismatch { .. }
        }
    ));
    assert!(matches!(
        failure_after(|bundle| {
            bundle.release_log.pop();
        }),
        VerifyError::AnswerMismatch {
            field: "publications",
            ..
        }
    ));
}

#[test]
fn a_changed_artifact_file_is_refused() {
    let bundle = bundle(Variant::Standard);
    let mut bytes = ANDROID.to_vec();
    bytes[0] ^= 1;
    let error = verify(
        &bundle,
        &[ArtifactFile {
            name: "berty.apk".into(),
            bytes: bytes.clone(),
        }],
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "artifact file berty.apk: sha256 {} is not the digest of a finalized artifact",
            digest_of(&bytes)
        )
    );
}

#[test]
fn a_ballot_from_a_non_member_is_refused() {
    let people = story(Variant::Standard).people;
    assert_eq!(
        refusal_text(Variant::OutsiderBallot),
        format!(
            "ballots log of proposal 2, seq 6: ballot: {} did not hold council (technologists) at the proposal's snapshot (start of block 28)",
            people.outsider.addr
        )
    );
}

/// Whether a problem is the one a test expects.
type IsExpected = fn(&Problem) -> bool;

#[test]
fn each_rule_broken_in_one_event_is_refused_at_that_event() {
    // (variant, where it is refused, what the problem must be)
    let ballots = |proposal_id| LogId::Ballots { proposal_id };
    let cases: [(Variant, LogId, u64, IsExpected); 6] = [
        // a ballot in another college
        (
            Variant::WrongCollege,
            ballots(2),
            4,
            |p| matches!(p, Problem::RoleNotHeld { what: "ballot", role, .. } if role == "council (activists)"),
        ),
        // a second ballot without revoting
        (Variant::DoubleVote, ballots(2), 2, |p| {
            matches!(p, Problem::DoubleVote { .. })
        }),
        // a decision whose ballots head is not the ballots log's
        (Variant::DecisionWrongBallotsHead, LogId::Release, 4, |p| {
            let decision_ballots = LogId::Ballots { proposal_id: 2 };
            matches!(p, Problem::CommitmentMismatch { what: "decision", log, length: 6, .. } if *log == decision_ballots)
        }),
        // a decision the ballots do not give
        (Variant::DecisionClaimsPassed, LogId::Release, 2, |p| {
            *p == Problem::OutcomeMismatch {
                recorded: true,
                derived: false,
            }
        }),
        // a rationale that is not the logged one
        (Variant::RationaleChanged, ballots(1), 0, |p| {
            matches!(p, Problem::RationaleMismatch { .. })
        }),
        // a finalizer who is not a CTR
        (Variant::FinalizerNotCtr, LogId::Release, 5, |p| {
            matches!(
                p,
                Problem::RoleNotHeld {
                    what: "finalize",
                    ..
                }
            )
        }),
    ];
    for (variant, log, seq, expected) in cases {
        let problem = event_failure_at(variant, log, seq);
        assert!(expected(&problem), "{variant:?}: {problem}");
    }
}

#[test]
fn bad_signatures_are_refused() {
    let people = story(Variant::Standard).people;
    assert_eq!(
        refusal_text(Variant::BadBallotSignature),
        format!(
            "ballots log of proposal 1, seq 0: ballot: the signature does not verify with key {}",
            people.activists[0].pubkey().to_base64()
        )
    );
    let problem = event_failure_at(Variant::BadReportSignature, LogId::Reports, 0);
    assert!(matches!(
        problem,
        Problem::BadSignature { what: "report", .. }
    ));
}

#[test]
fn a_publication_with_another_key_is_refused() {
    let people = story(Variant::Standard).people;
    assert_eq!(
        refusal_text(Variant::PublisherWrongKey),
        format!(
            "release log, seq 6: key {} is not the key of {} (its address differs)",
            people.activists[0].pubkey().to_base64(),
            people.ctr.addr
        )
    );
    assert_eq!(
        refusal_text(Variant::PublisherUnregisteredKey),
        format!(
            "release log, seq 6: publication: the event carries key {}, the key registered for {} is none",
            people.keyless_ctr.pubkey().to_base64(),
            people.keyless_ctr.addr
        )
    );
}

#[test]
fn a_publication_without_a_key_is_refused() {
    let mut bundle = bundle(Variant::Standard);
    bundle.release_log[6].event.pubkey = None;
    crate::fixture::rehash_release_log(&mut bundle);
    assert!(matches!(
        failure(&bundle),
        VerifyError::Event {
            log: LogId::Release,
            seq: 6,
            problem: Problem::KeyNotRegistered { ref found, .. }
        } if found == "none"
    ));
}

#[test]
fn a_counted_no_go_blocks_the_gate() {
    let people = story(Variant::Standard).people;
    assert_eq!(
        refusal_text(Variant::NoGoStillCounted),
        format!(
            "release log, seq 1: the audit gate did not hold at vote_opened: 1 counted positive reports, counted no_go from [{}]",
            people.no_go_auditor.addr
        )
    );
}

#[test]
fn answers_that_disagree_with_the_trail_are_refused() {
    let original = bundle(Variant::Standard);
    assert_eq!(
        failure_after(|bundle| {
            bundle.release.status = ReleaseStatus::Approved;
        })
        .to_string(),
        "the release answer says status is approved, the trail says released"
    );
    assert!(matches!(
        failure_after(|bundle| {
            bundle.release.source_uri = "https://example.com/other.tar.gz".into();
        }),
        VerifyError::AnswerMismatch {
            field: "source_uri",
            ..
        }
    ));
    assert!(matches!(
        failure_after(|bundle| {
            bundle.release.released_at = None;
        }),
        VerifyError::AnswerMismatch {
            field: "released_at",
            ..
        }
    ));
    assert!(matches!(
        failure_after(|bundle| {
            bundle.votes[0].proposal.tally.activists.eligible = 2;
        }),
        VerifyError::Vote {
            proposal_id: 1,
            problem: Problem::TallyMismatch { .. }
        }
    ));
    let mut bundle = original.clone();
    let ballots = &mut bundle.votes[1].ballots;
    let yes = ballots.iter().position(|b| b.vote == Vote::Yes).unwrap();
    ballots[yes].vote = Vote::No;
    assert!(matches!(
        failure(&bundle),
        VerifyError::Event {
            problem: Problem::BallotAnswerMismatch { field: "vote", .. },
            ..
        }
    ));
}

#[test]
fn votes_must_match_the_release_log() {
    let original = bundle(Variant::Standard);
    assert_eq!(
        failure_after(|bundle| {
            bundle.votes.pop();
        })
        .to_string(),
        "release log, seq 3: vote_opened of proposal 2 has no vote in the bundle"
    );
    assert_eq!(
        failure_after(|bundle| {
            bundle.votes.push(original.votes[0].clone());
        })
        .to_string(),
        "release log: the bundle holds 3 votes, the release log opened 2"
    );
    assert!(matches!(
        failure_after(|bundle| {
            bundle.votes.swap(0, 1);
        }),
        VerifyError::Vote {
            proposal_id: 1,
            problem: Problem::ProposalMismatch { field: "id", .. }
        }
    ));
}

#[test]
fn another_bundle_version_is_refused() {
    let mut bundle = bundle(Variant::Standard);
    bundle.version = 2;
    assert_eq!(
        failure(&bundle),
        VerifyError::UnsupportedVersion {
            found: 2,
            expected: 1
        }
    );
}

#[test]
fn another_chain_id_breaks_every_chain() {
    let mut bundle = bundle(Variant::Standard);
    bundle.chain_id = "other-chain".into();
    assert!(matches!(
        failure(&bundle),
        VerifyError::Event {
            log: LogId::Members,
            seq: 0,
            problem: Problem::HashMismatch { .. }
        }
    ));
}

#[test]
fn a_release_event_with_a_key_not_of_its_actor_is_refused() {
    let s = story(Variant::Standard);
    let people = &s.people;
    let mut bundle = s.bundle();
    // the proposer (the CTR) logged with an activist's key
    bundle.release_log[0].event.pubkey = Some(people.activists[0].pubkey());
    crate::fixture::rehash_release_log(&mut bundle);
    assert_eq!(
        failure(&bundle).to_string(),
        format!(
            "release log, seq 0: key {} is not the key of {} (its address differs)",
            people.activists[0].pubkey().to_base64(),
            people.ctr.addr
        )
    );
    // its own registered key is fine
    let mut bundle = s.bundle();
    bundle.release_log[0].event.pubkey = Some(people.ctr.pubkey());
    crate::fixture::rehash_release_log(&mut bundle);
    verify(&bundle, &[]).unwrap();
}
