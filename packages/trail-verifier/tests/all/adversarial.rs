//! Forged bundles: every hash and every commitment recomputed over them (as a forger who
//! rewrote whole logs would, short of the anchor), each breaking one rule the contracts
//! keep. The verifier must refuse each one for what it says, naming where.

use berty_hashlog::{LogEntry, LogHead};
use berty_interface::audit_registry::{ReportEventData, ReportStatus};
use berty_interface::council_vote::ProposalStatus;
use berty_interface::release::ReleaseEventData;
use berty_interface::signing::ReportSigningPayload;
use berty_trail_verifier::chain::{check_chain, LogOrigin};
use berty_trail_verifier::keys::{check_key_of, check_signed};
use berty_trail_verifier::{verify, Bundle, LogId, Problem, VerifyError};
use cosmwasm_std::{Addr, Binary};
use serde_json::Value;

use crate::fixture::{bundle, recommit, rehash_all, rehash_release_log, story, Variant};

/// Release log seqs of the standard story.
const VOTE_OPENED_2: u64 = 3;
const DECISION_2: u64 = 4;
const FINALIZED: u64 = 5;
const PUBLISHED: u64 = 6;

fn refused(bundle: &Bundle) -> (LogId, u64, Problem) {
    match verify(bundle, &[]) {
        Err(VerifyError::Event { log, seq, problem }) => (log, seq, problem),
        other => panic!("expected an event failure, got {other:?}"),
    }
}

/// `refused`, asserting that the event refused is `seq` of `log`; what it says is wrong.
#[track_caller]
fn refused_at(bundle: &Bundle, log: LogId, seq: u64) -> Problem {
    let (found_log, found_seq, problem) = refused(bundle);
    assert_eq!((found_log, found_seq), (log, seq), "{problem}");
    problem
}

/// Asserts that the verifier refuses vote `proposal_id` for its answer's `field`: the
/// proposal as answered is not the one the logs opened.
#[track_caller]
fn assert_proposal_mismatch(bundle: &Bundle, proposal_id: u64, field: &str) {
    let failure = verify(bundle, &[]).unwrap_err();
    assert!(
        matches!(
            &failure,
            VerifyError::Vote {
                proposal_id: id,
                problem: Problem::ProposalMismatch { field: f, .. },
            } if *id == proposal_id && *f == field
        ),
        "{failure}"
    );
}

fn commitments_of_finalization(bundle: &mut Bundle) -> (&mut LogHead, &mut LogHead) {
    match &mut bundle.release_log[FINALIZED as usize].event.data {
        ReleaseEventData::Finalized {
            reports_log,
            members_log,
            ..
        } => (reports_log, members_log),
        other => panic!("not the finalization: {other:?}"),
    }
}

#[test]
fn the_forger_helper_keeps_a_valid_bundle_valid() {
    // a test of the tests: recommit alone changes nothing a verifier could refuse
    let mut b = bundle(Variant::Standard);
    recommit(&mut b);
    assert_eq!(b, bundle(Variant::Standard));
    verify(&b, &[]).unwrap();
}

#[test]
fn a_ballot_from_a_member_granted_in_the_opening_block_is_refused() {
    let b = bundle(Variant::GrantedInOpeningBlock);
    let outsider = story(Variant::Standard).people.outsider.addr;
    assert_eq!(
        refused_at(&b, LogId::Ballots { proposal_id: 2 }, 6),
        Problem::RoleNotHeld {
            what: "ballot",
            addr: outsider,
            role: "council (technologists)".into(),
            when: "at the proposal's snapshot (start of block 28)".into(),
        }
    );
}

#[test]
fn the_audit_gate_at_finalization_counts_only_what_held_before_it() {
    // a report by an auditor revoked before finalization does not count; a counted no_go
    // before it blocks it
    let auditor = story(Variant::Standard).people.auditor.addr;
    for (variant, blocking) in [
        (Variant::AuditorRevokedBeforeFinalization, String::new()),
        (Variant::NoGoBeforeFinalization, auditor.to_string()),
    ] {
        let problem = refused_at(&bundle(variant), LogId::Release, FINALIZED);
        let when = "finalized";
        let expected = Problem::AuditGateFailed {
            when,
            positive: 0,
            blocking,
        };
        assert_eq!(problem, expected, "{variant:?}");
    }
}

#[test]
fn a_finalization_committed_before_an_event_of_an_earlier_block_is_refused() {
    // The forger commits finalization to a prefix of a log (a head the log had) without
    // its last event, of block 30: the auditor's revocation would not count, the no_go
    // would not block.
    for (variant, log) in [
        (Variant::AuditorRevokedBeforeFinalization, LogId::Members),
        (Variant::NoGoBeforeFinalization, LogId::Reports),
    ] {
        let mut b = bundle(variant);
        let (last, last_height) = match log {
            LogId::Members => (
                b.members_log.len(),
                b.members_log.last().unwrap().event.height,
            ),
            _ => (
                b.reports_log.len(),
                b.reports_log.last().unwrap().event.height,
            ),
        };
        let last = last as u64 - 1;
        assert_eq!(last_height, 30);
        let (reports, members) = commitments_of_finalization(&mut b);
        let committed = if log == LogId::Members {
            members
        } else {
            reports
        };
        committed.length = last;
        recommit(&mut b);
        assert_eq!(
            refused_at(&b, LogId::Release, FINALIZED),
            Problem::CommitmentNotInItsBlock {
                what: "finalized",
                log,
                length: last,
                height: 31,
                seq: last,
                event_height: 30,
            }
        );
    }
}

#[test]
fn a_report_of_a_later_block_inside_a_committed_prefix_is_refused() {
    // The second report of the positive auditor moved to block 35, after the second vote
    // opened (block 28) that commits to it.
    let mut b = bundle(Variant::Standard);
    let moved = &mut b.reports_log[2].event;
    moved.height = 35;
    moved.time = moved.time.plus_seconds(35);
    recommit(&mut b);
    assert_eq!(
        refused_at(&b, LogId::Release, VOTE_OPENED_2),
        Problem::CommitmentNotInItsBlock {
            what: "vote_opened",
            log: LogId::Reports,
            length: 3,
            height: 28,
            seq: 2,
            event_height: 35,
        }
    );
}

#[test]
fn a_ballot_of_a_block_after_the_decision_is_refused() {
    let mut b = bundle(Variant::Standard);
    let vote = &mut b.votes[1];
    let last = vote.ballots_log.last_mut().unwrap();
    last.event.height = 31;
    let voter = last.event.data.voter.clone();
    for answer in vote.ballots.iter_mut().filter(|a| a.voter == voter) {
        answer.height = 31;
    }
    recommit(&mut b);
    let problem = refused_at(&b, LogId::Release, DECISION_2);
    assert!(
        matches!(
            problem,
            Problem::CommitmentNotInItsBlock {
                what: "decision",
                log: LogId::Ballots { proposal_id: 2 },
                height: 30,
                event_height: 31,
                ..
            }
        ),
        "{problem}"
    );
}

#[test]
fn a_decision_tally_that_differs_from_the_ballots_is_refused() {
    let mut b = bundle(Variant::Standard);
    let ReleaseEventData::Decision { tally, .. } =
        &mut b.release_log[DECISION_2 as usize].event.data
    else {
        panic!("not the decision");
    };
    tally.technologists.no += 1;
    let forged = *tally;
    b.release.decision.as_mut().unwrap().tally = forged;
    recommit(&mut b);
    let problem = refused_at(&b, LogId::Release, DECISION_2);
    assert!(
        matches!(problem, Problem::TallyMismatch { .. }),
        "{problem}"
    );
}

#[test]
fn a_publication_with_a_key_registered_only_later_is_refused() {
    let b = bundle(Variant::PublisherKeyRegisteredLater);
    let keyless = story(Variant::Standard).people.keyless_ctr;
    assert_eq!(
        refused_at(&b, LogId::Release, PUBLISHED),
        Problem::KeyNotRegistered {
            what: "publication",
            found: keyless.pubkey().to_base64(),
            addr: keyless.addr,
            registered: "none".into(),
        }
    );
}

#[test]
fn a_duplicated_seq_is_refused_in_every_log() {
    let mut b = bundle(Variant::Standard);
    let copy = b.reports_log[1].clone();
    b.reports_log.insert(2, copy);
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        (
            LogId::Reports,
            2,
            Problem::SeqGap {
                expected: 2,
                found: 1
            }
        )
    );

    let mut b = bundle(Variant::Standard);
    let copy = b.votes[1].ballots_log[0].clone();
    b.votes[1].ballots_log.insert(1, copy);
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        (
            LogId::Ballots { proposal_id: 2 },
            1,
            Problem::SeqGap {
                expected: 1,
                found: 0
            }
        )
    );
}

#[test]
fn events_out_of_height_order_are_refused() {
    // members: a key registered (block 11) before the genesis grants end (block 10)
    let mut b = bundle(Variant::Standard);
    b.members_log[9].event.height = 12;
    recommit(&mut b);
    assert_eq!(refused(&b), (LogId::Members, 10, Problem::TimeGoesBack));

    // release: the decision of block 26 moved before the vote it decides
    let mut b = bundle(Variant::Standard);
    b.release_log[2].event.height = 23;
    recommit(&mut b);
    assert_eq!(refused(&b), (LogId::Release, 2, Problem::TimeGoesBack));
}

#[test]
fn a_commitment_to_more_events_than_the_log_holds_is_refused() {
    let mut b = bundle(Variant::Standard);
    b.members_log.pop();
    // the release log still commits to the lost event
    rehash_all(&mut b);
    assert_eq!(
        refused_at(&b, LogId::Release, 1),
        Problem::CommitmentLength {
            what: "vote_opened",
            log: LogId::Members,
            length: 15,
            available: 14,
        }
    );
}

#[test]
fn a_proposal_id_opened_twice_is_refused() {
    // The second vote claims proposal 1 again (with a ballots log of its own under that
    // key): on chain, a proposal id is given once.
    let mut b = bundle(Variant::Standard);
    for entry in &mut b.release_log {
        match &mut entry.event.data {
            ReleaseEventData::VoteOpened { proposal_id, .. }
            | ReleaseEventData::Decision { proposal_id, .. }
            | ReleaseEventData::Finalized { proposal_id, .. } => *proposal_id = 1,
            _ => {}
        }
    }
    let vote = &mut b.votes[1];
    vote.proposal.id = 1;
    // signatures sign the proposal id: the forger drops them
    for entry in &mut vote.ballots_log {
        entry.event.data.signature = None;
        entry.event.pubkey = None;
    }
    for answer in &mut vote.ballots {
        answer.proposal_id = 1;
        answer.signature = None;
        answer.pubkey = None;
    }
    b.release.proposal_id = Some(1);
    b.release.decision.as_mut().unwrap().proposal_id = 1;
    recommit(&mut b);
    assert_eq!(
        refused_at(&b, LogId::Release, VOTE_OPENED_2),
        Problem::ProposalReused {
            proposal_id: 1,
            previous: 1
        }
    );
}

#[test]
fn a_ballot_after_the_vote_was_decided_is_refused() {
    // two activists said no: no remaining ballot could pass the vote, so it was decided
    // and the contract refused further ballots
    let b = bundle(Variant::BallotAfterDecided);
    let t0 = story(Variant::Standard).people.technologists[0]
        .addr
        .clone();
    assert_eq!(
        refused(&b),
        (
            LogId::Ballots { proposal_id: 1 },
            2,
            Problem::BallotAfterDecided { voter: t0 }
        )
    );
}

#[test]
fn a_decision_before_the_deadline_while_ballots_could_change_it_is_refused() {
    // The first vote (one activist of three voted) decided in block 25, days before its
    // deadline: two more activists could still have passed it.
    let mut b = bundle(Variant::Standard);
    let opened_at = b.release_log[1].event.time;
    let decision = &mut b.release_log[2].event;
    decision.height = 25;
    decision.time = opened_at.plus_seconds(5);
    recommit(&mut b);
    assert_eq!(refused(&b), (LogId::Release, 2, Problem::DecidedTooEarly));
}

#[test]
fn proposal_times_must_be_those_of_the_vote_opened() {
    // A later deadline would let a late ballot in: the answer's deadline must be its
    // opening time plus its voting period, and it opened with the vote_opened event.
    let mut b = bundle(Variant::Standard);
    b.votes[0].proposal.deadline = b.votes[0].proposal.deadline.plus_seconds(1);
    recommit(&mut b);
    assert_proposal_mismatch(&b, 1, "deadline");

    let mut b = bundle(Variant::Standard);
    let p = &mut b.votes[0].proposal;
    p.opened_at = p.opened_at.plus_seconds(5);
    p.deadline = p.deadline.plus_seconds(5);
    recommit(&mut b);
    assert_proposal_mismatch(&b, 1, "opened_at");
}

#[test]
fn a_recorded_decision_on_a_proposal_answered_open_is_refused() {
    let mut b = bundle(Variant::Standard);
    let p = &mut b.votes[1].proposal;
    p.status = ProposalStatus::Open;
    p.closed = false;
    recommit(&mut b);
    let problem = refused_at(&b, LogId::Release, DECISION_2);
    let Problem::ProposalMismatch { field, .. } = problem else {
        panic!("expected a proposal mismatch, got {problem}");
    };
    assert_eq!(field, "status");
}

#[test]
fn a_release_without_a_counted_positive_report_stops_at_its_first_gate() {
    // the positive auditor's reports turned into no reports at all: only the revoked
    // no_go auditor's report is left, which does not count
    let mut b = bundle(Variant::Standard);
    b.reports_log.retain(|e| match &e.event.data {
        ReportEventData::Report { status, .. } => *status == ReportStatus::NoGo,
        ReportEventData::Slashed { .. } => true,
    });
    for (seq, entry) in b.reports_log.iter_mut().enumerate() {
        entry.event.seq = seq as u64;
    }
    for entry in &mut b.release_log {
        if let ReleaseEventData::VoteOpened { reports_log, .. }
        | ReleaseEventData::Finalized { reports_log, .. } = &mut entry.event.data
        {
            reports_log.length = 1;
        }
    }
    recommit(&mut b);
    assert_eq!(
        refused_at(&b, LogId::Release, 1),
        Problem::AuditGateFailed {
            when: "vote_opened",
            positive: 0,
            blocking: String::new(),
        }
    );
}

/// The standard bundle's JSON with `change` applied to its value.
fn edited(change: impl FnOnce(&mut Value)) -> Result<Bundle, serde_json::Error> {
    let mut value: Value = serde_json::to_value(bundle(Variant::Standard)).unwrap();
    change(&mut value);
    Bundle::from_json(&serde_json::to_vec(&value).unwrap())
}

#[test]
fn unknown_fields_and_kinds_are_refused() {
    edited(|_| {}).expect("the unchanged bundle reads");
    type Edit = Box<dyn FnOnce(&mut Value)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "bundle",
            Box::new(|v| v["signed_off_by"] = "the auditor".into()),
        ),
        (
            "event",
            Box::new(|v| v["release_log"][1]["event"]["note"] = 1.into()),
        ),
        (
            "vote_opened data",
            Box::new(|v| v["release_log"][1]["event"]["data"]["approved"] = true.into()),
        ),
        (
            "published data",
            Box::new(|v| v["release_log"][6]["event"]["data"]["verified"] = true.into()),
        ),
        (
            "report data",
            Box::new(|v| v["reports_log"][0]["event"]["data"]["counted"] = true.into()),
        ),
        (
            "members data",
            Box::new(|v| v["members_log"][0]["event"]["data"]["key"] = "AA==".into()),
        ),
        (
            "ballot data",
            Box::new(|v| v["votes"][0]["ballots_log"][0]["event"]["data"]["weight"] = 2.into()),
        ),
        (
            "release kind",
            Box::new(|v| v["release_log"][6]["event"]["kind"] = "approved".into()),
        ),
        (
            "members kind",
            Box::new(|v| v["members_log"][0]["event"]["kind"] = "promoted".into()),
        ),
    ];
    let read: Vec<&str> = cases
        .into_iter()
        .filter_map(|(what, change)| edited(change).is_ok().then_some(what))
        .collect();
    assert!(read.is_empty(), "unknown fields or kinds read in: {read:?}");
    let error = edited(|v| v["release_log"][1]["event"]["data"]["approved"] = true.into())
        .unwrap_err()
        .to_string();
    assert_eq!(error, "unknown field release_log[1].event.data.approved");
    // optional fields may still be omitted or null
    edited(|v| {
        let data = v["release_log"][6]["event"]["data"]
            .as_object_mut()
            .unwrap();
        data.remove("listing_uri");
        v["release_log"][0]["event"]["data"]["notes_uri"] = Value::Null;
    })
    .expect("optional fields omitted or null");
}

#[test]
fn the_shared_vectors_are_reproduced_by_the_verifier() {
    // ../shared/vectors/trail-v1.json (copied in berty-trail): hash_0, a chained event,
    // and a report signature, through the verifier's own checks
    let text = include_str!("../../../berty-hashlog/vectors/trail-v1.json");
    let v: Value = serde_json::from_str(text).unwrap();
    let s = |path: &[&str]| {
        path.iter()
            .fold(&v, |v, k| &v[*k])
            .as_str()
            .unwrap()
            .to_string()
    };
    let release = Addr::unchecked(s(&["contracts", "release"]));
    let chain_id = s(&["chain_id"]);
    let key = s(&["release_log", "key"]);
    let event: berty_hashlog::Event<Value, Value> =
        serde_json::from_str(&s(&["release_log", "event_json"])).unwrap();
    // the verifier hashes typed events; a Value keeps this one's field order as written
    let entry = LogEntry {
        event,
        hash: s(&["release_log", "hash_1"]),
    };
    let chain = check_chain(
        &LogOrigin {
            log: LogId::Release,
            domain: "release",
            chain_id: &chain_id,
            contract: &release,
            key: &key,
        },
        &[entry],
        |_| true,
    )
    .unwrap();
    assert_eq!(
        chain.head_after(0).unwrap().head,
        s(&["release_log", "hash_0"])
    );
    assert_eq!(chain.head().head, s(&["release_log", "hash_1"]));

    let pubkey = Binary::from_base64(&s(&["report_signature", "pubkey"])).unwrap();
    let address = Addr::unchecked(s(&["report_signature", "address"]));
    check_key_of(&address, &pubkey).unwrap();
    let payload = ReportSigningPayload {
        chain_id: chain_id.clone(),
        contract: s(&["contracts", "audit_registry"]),
        release_id: key.clone(),
        status: ReportStatus::GoWithWarnings,
        report_uri: "ipfs://bafyexamplereport".into(),
        report_digest: "845e91831319e89c4d656bdb80c278ac09a7230d61e5dfd2e1b1fbb436ac8917".into(),
    };
    assert_eq!(
        serde_json::to_string(&payload).unwrap(),
        s(&["report_signature", "payload"])
    );
    let signature = Binary::from_base64(&s(&["report_signature", "signature"])).unwrap();
    check_signed("report", &payload, &signature, &pubkey).unwrap();
    let other = ReportSigningPayload {
        status: ReportStatus::Go,
        ..payload
    };
    assert!(check_signed("report", &other, &signature, &pubkey).is_err());
}

#[test]
fn a_ballot_timed_before_the_block_that_opened_its_vote_is_refused() {
    // The second vote's ballots (block 29) claim a time before block 28 opened the vote:
    // each log alone keeps its order, the chain's one clock does not.
    let mut b = bundle(Variant::Standard);
    let opened_at = b.release_log[VOTE_OPENED_2 as usize].event.time;
    for entry in &mut b.votes[1].ballots_log {
        entry.event.time = opened_at.minus_seconds(1);
    }
    recommit(&mut b);
    assert_eq!(
        refused_at(&b, LogId::Ballots { proposal_id: 2 }, 0),
        Problem::BlockClock {
            height: 29,
            time: opened_at.minus_seconds(1),
            other: "release log, seq 3".into(),
            other_height: 28,
            other_time: opened_at,
        }
    );
}

#[test]
fn two_events_of_one_block_with_different_times_are_refused() {
    // the report of block 27 moved into block 28, keeping its time
    let mut b = bundle(Variant::Standard);
    let report_time = b.reports_log[2].event.time;
    b.reports_log[2].event.height = 28;
    recommit(&mut b);
    let problem = refused_at(&b, LogId::Release, VOTE_OPENED_2);
    assert!(
        matches!(
            problem,
            Problem::BlockClock { height: 28, ref other, other_height: 28, other_time, .. }
                if other == "reports log, seq 2" && other_time == report_time
        ),
        "{problem}"
    );
}

#[test]
fn a_report_by_an_auditor_revoked_in_an_earlier_block_is_refused() {
    // the no_go auditor, revoked in block 23, reports again in block 27
    let mut b = bundle(Variant::Standard);
    let revoked = story(Variant::Standard).people.no_go_auditor.addr;
    let entry = &mut b.reports_log[2].event;
    entry.actor = revoked.clone();
    entry.pubkey = None;
    if let ReportEventData::Report {
        auditor, signature, ..
    } = &mut entry.data
    {
        *auditor = revoked.clone();
        *signature = None;
    }
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        (
            LogId::Reports,
            2,
            Problem::RoleNotHeld {
                what: "report",
                addr: revoked,
                role: "auditor".into(),
                when: "in block 27".into(),
            }
        )
    );
}

#[test]
fn a_publication_by_a_member_who_is_not_a_ctr_is_refused_even_with_its_own_key() {
    // the first activist has a registered key, but attests no publication
    let mut b = bundle(Variant::Standard);
    let activist = &story(Variant::Standard).people.activists[0];
    let published = &mut b.release_log[PUBLISHED as usize].event;
    published.actor = activist.addr.clone();
    published.pubkey = Some(activist.pubkey());
    b.release.publications.iter_mut().for_each(|p| {
        if p.channel == "google_play" {
            p.publisher = activist.addr.clone();
        }
    });
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        (
            LogId::Release,
            PUBLISHED,
            Problem::RoleNotHeld {
                what: "attest_publication",
                addr: activist.addr.clone(),
                role: "core_team_rep".into(),
                when: "in block 32".into(),
            }
        )
    );
}

#[test]
fn a_decision_with_a_smaller_college_than_the_snapshot_is_refused() {
    // two eligible activists instead of three would make one more ballot a turnout
    let mut b = bundle(Variant::Standard);
    let ReleaseEventData::Decision { tally, .. } = &mut b.release_log[2].event.data else {
        panic!("not the decision");
    };
    tally.activists.eligible = 2;
    recommit(&mut b);
    let problem = refused_at(&b, LogId::Release, 2);
    assert!(
        matches!(problem, Problem::TallyMismatch { .. }),
        "{problem}"
    );
}

#[test]
fn a_report_after_the_candidate_was_released_is_refused() {
    // a no_go appended after finalization (block 31), as if the registry had taken it
    let mut b = bundle(Variant::Standard);
    let last_time = b.release_log.last().unwrap().event.time;
    let mut late = b.reports_log[2].clone();
    late.event.seq = 3;
    late.event.height = 35;
    late.event.time = last_time.plus_seconds(10);
    if let ReportEventData::Report {
        status, signature, ..
    } = &mut late.event.data
    {
        *status = ReportStatus::NoGo;
        *signature = None;
    }
    b.reports_log.push(late);
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        (
            LogId::Reports,
            3,
            Problem::ReportOnClosedCandidate {
                height: 35,
                closed_seq: FINALIZED,
                closed_height: 31,
            }
        )
    );
}

#[test]
fn the_account_marks_what_no_commitment_covers() {
    // a report after the second vote opened and before finalization's block is committed
    // by finalization; one in finalization's own block, after it, is not
    let mut b = bundle(Variant::Standard);
    let finalized = b.release_log[FINALIZED as usize].event.clone();
    let mut late = b.reports_log[2].clone();
    late.event.seq = 3;
    late.event.height = finalized.height;
    late.event.time = finalized.time;
    if let ReportEventData::Report { signature, .. } = &mut late.event.data {
        *signature = None;
    }
    b.reports_log.push(late);
    recommit(&mut b);
    let verified = verify(&b, &[]).unwrap();
    assert_eq!(verified.uncommitted_reports_events, 1);
    let text = berty_trail_verifier::render(&b);
    let marker = text
        .find("the release log commits to none of the reports below")
        .expect("the marker");
    assert!(text[marker..].contains("[3] block 31:"), "{text}");
    assert!(!text[marker..].contains("[2] block 27:"), "{text}");

    // a vote still open: no decision yet
    let mut withdrawn = bundle(Variant::Withdrawn);
    withdrawn.release_log.truncate(2);
    withdrawn.release.status = berty_interface::release::ReleaseStatus::Voting;
    withdrawn.release.proposal_id = Some(1);
    withdrawn.release.decision = None;
    withdrawn.release.withdrawn_reason = None;
    let p = &mut withdrawn.votes[0].proposal;
    p.status = ProposalStatus::Open;
    p.rejection = None;
    p.closed = false;
    rehash_all(&mut withdrawn);
    verify(&withdrawn, &[]).unwrap();
    assert!(berty_trail_verifier::render(&withdrawn)
        .contains("(no decision on this vote in the release log"));
}

#[test]
fn a_voting_period_past_the_end_of_time_is_refused_without_a_panic() {
    let mut b = bundle(Variant::Standard);
    b.votes[0].proposal.rules.voting_period = u64::MAX;
    recommit(&mut b);
    assert_proposal_mismatch(&b, 1, "deadline");
}

#[test]
fn a_release_vote_proposed_by_anyone_but_the_release_contract_is_refused() {
    let mut b = bundle(Variant::Standard);
    b.votes[1].proposal.proposer = story(Variant::Standard).people.ctr.addr;
    recommit(&mut b);
    assert_proposal_mismatch(&b, 2, "proposer");
}

#[test]
fn an_act_stripped_of_its_senders_registered_key_is_refused() {
    // the contracts log the sender's registered key with every report, ballot and act:
    // a forger who drops it (with the signature it verifies) is found out
    let people = story(Variant::Standard).people;
    let mut b = bundle(Variant::Standard);
    b.reports_log[0].event.pubkey = None;
    if let ReportEventData::Report { signature, .. } = &mut b.reports_log[0].event.data {
        *signature = None;
    }
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        (
            LogId::Reports,
            0,
            Problem::KeyNotLogged {
                what: "report",
                addr: people.auditor.addr.clone(),
                registered: people.auditor.pubkey().to_base64(),
            }
        )
    );

    let mut b = bundle(Variant::Standard);
    let a0 = &people.activists[0];
    for entry in &mut b.votes[1].ballots_log {
        if entry.event.actor == a0.addr {
            entry.event.pubkey = None;
            entry.event.data.signature = None;
        }
    }
    for answer in b.votes[1].ballots.iter_mut().filter(|a| a.voter == a0.addr) {
        answer.pubkey = None;
        answer.signature = None;
    }
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        (
            LogId::Ballots { proposal_id: 2 },
            0,
            Problem::KeyNotLogged {
                what: "ballot",
                addr: a0.addr.clone(),
                registered: a0.pubkey().to_base64(),
            }
        )
    );

    let mut b = bundle(Variant::Standard);
    b.release_log[FINALIZED as usize].event.pubkey = None;
    recommit(&mut b);
    assert_eq!(
        refused(&b),
        (
            LogId::Release,
            FINALIZED,
            Problem::KeyNotLogged {
                what: "actor key",
                addr: people.ctr.addr.clone(),
                registered: people.ctr.pubkey().to_base64(),
            }
        )
    );
}

#[test]
fn a_finalization_without_artifacts_or_with_one_twice_is_refused() {
    let mut b = bundle(Variant::Standard);
    if let ReleaseEventData::Finalized { artifacts, .. } =
        &mut b.release_log[FINALIZED as usize].event.data
    {
        let first = artifacts[0].clone();
        artifacts[1] = first;
        b.release.artifacts = artifacts.clone();
    }
    // the app_store publication was of the artifact now gone
    b.release_log.truncate(PUBLISHED as usize + 1);
    b.release
        .publications
        .retain(|p| p.channel == "google_play");
    let twice = b.release_log[FINALIZED as usize].event.clone();
    recommit(&mut b);
    let problem = refused_at(&b, LogId::Release, FINALIZED);
    let ReleaseEventData::Finalized { artifacts, .. } = &twice.data else {
        unreachable!()
    };
    assert_eq!(
        problem,
        Problem::ArtifactsNotDistinct {
            digest: artifacts[0].digest.clone()
        }
    );

    let mut b = bundle(Variant::Standard);
    b.release_log.truncate(FINALIZED as usize + 1);
    if let ReleaseEventData::Finalized { artifacts, .. } =
        &mut b.release_log[FINALIZED as usize].event.data
    {
        artifacts.clear();
    }
    b.release.artifacts.clear();
    b.release.publications.clear();
    recommit(&mut b);
    assert_eq!(
        refused_at(&b, LogId::Release, FINALIZED),
        Problem::ArtifactsNotDistinct {
            digest: "none".into()
        }
    );
}

#[test]
fn hashes_are_lowercase_hex_only() {
    // SPEC 6: hashes are lowercase hex in JSON; the same hash in capitals is not the trail
    let mut b = bundle(Variant::Standard);
    b.members_log[0].hash = b.members_log[0].hash.to_ascii_uppercase();
    assert!(matches!(
        refused(&b),
        (LogId::Members, 0, Problem::HashMismatch { .. })
    ));

    let mut b = bundle(Variant::Standard);
    if let ReleaseEventData::VoteOpened { members_log, .. } = &mut b.release_log[1].event.data {
        members_log.head = members_log.head.to_ascii_uppercase();
    }
    rehash_release_log(&mut b);
    assert!(matches!(
        refused(&b),
        (
            LogId::Release,
            1,
            Problem::CommitmentMismatch {
                what: "vote_opened",
                ..
            }
        )
    ));
}
