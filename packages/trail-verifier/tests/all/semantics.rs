//! Events that could not have happened, with every hash recomputed over them (as a forger
//! who rewrote whole logs would): the verifier refuses them for what they say.

use berty_interface::membership::MemberEventData;
use berty_interface::release::{ReleaseEventData, ReleaseEventKind};
use berty_trail_verifier::{verify, Bundle, LogId, Problem, VerifyError};
use cosmwasm_std::Addr;

use crate::fixture::{digest_of, rehash_all, story, Story, Variant};

/// What is wrong with the standard story's bundle after `change` (rehashed), asserted to
/// be refused at `seq` of `log`.
#[track_caller]
fn refused_at(log: LogId, seq: u64, change: impl FnOnce(&mut Bundle, &Story)) -> Problem {
    let s = story(Variant::Standard);
    let mut bundle = s.bundle();
    change(&mut bundle, &s);
    rehash_all(&mut bundle);
    match verify(&bundle, &[]) {
        Err(VerifyError::Event {
            log: found_log,
            seq: found_seq,
            problem,
        }) => {
            assert_eq!((found_log, found_seq), (log, seq), "{problem}");
            problem
        }
        other => panic!("expected an event failure, got {other:?}"),
    }
}

fn set_key_event(bundle: &mut Bundle, seq: usize, addr: &Addr, key: cosmwasm_std::Binary) {
    let event = &mut bundle.members_log[seq].event;
    event.data = MemberEventData::Pubkey {
        addr: addr.clone(),
        key: key.clone(),
    };
    event.pubkey = Some(key);
}

#[test]
fn members_log_keys_must_be_possible() {
    // seq 10 registers the first activist's key
    let problem = refused_at(LogId::Members, 10, |b, s| {
        set_key_event(b, 10, &s.people.outsider.addr, s.people.outsider.pubkey())
    });
    assert!(matches!(problem, Problem::PubkeyOfNonMember { .. }));

    let problem = refused_at(LogId::Members, 11, |b, s| {
        let a0 = &s.people.activists[0];
        set_key_event(b, 11, &a0.addr, a0.pubkey())
    });
    assert!(matches!(problem, Problem::PubkeyAlreadyRegistered { .. }));

    let problem = refused_at(LogId::Members, 10, |b, s| {
        b.members_log[10].event.pubkey = Some(s.people.technologists[0].pubkey())
    });
    assert_eq!(problem, Problem::PubkeyFieldMismatch);

    let problem = refused_at(LogId::Members, 10, |b, s| {
        let a0 = &s.people.activists[0];
        set_key_event(b, 10, &a0.addr, s.people.technologists[0].pubkey())
    });
    assert!(matches!(problem, Problem::KeyNotOfAddress { .. }));
}

#[test]
fn events_of_another_contract_or_going_back_in_time_are_refused() {
    let problem = refused_at(LogId::Release, 1, |b, s| {
        b.release_log[1].event.contract = s.contracts.audit_registry.clone()
    });
    assert!(matches!(problem, Problem::WrongContract { .. }));

    let problem = refused_at(LogId::Reports, 1, |b, _| b.reports_log[1].event.height = 5);
    assert_eq!(problem, Problem::TimeGoesBack);
}

#[test]
fn a_kind_with_another_kind_of_data_is_refused() {
    let problem = refused_at(LogId::Release, 6, |b, _| {
        b.release_log[6].event.kind = ReleaseEventKind::Withdrawn
    });
    assert_eq!(
        problem.to_string(),
        "kind withdrawn with the data of another kind"
    );
}

#[test]
fn the_lifecycle_is_followed() {
    // a second finalization
    let problem = refused_at(LogId::Release, 8, |b, _| {
        let mut again = b.release_log[5].clone();
        again.event.seq = 8;
        again.event.height = 34;
        again.event.time = again.event.time.plus_seconds(60);
        b.release_log.push(again);
    });
    assert_eq!(
        problem.to_string(),
        "finalized while the release is released"
    );

    // a log that does not start with the proposal
    let problem = refused_at(LogId::Release, 0, |b, _| {
        b.release_log.remove(0);
        for (seq, entry) in (0..).zip(&mut b.release_log) {
            entry.event.seq = seq;
        }
    });
    assert_eq!(problem, Problem::NotProposedFirst);

    let mut empty = story(Variant::Standard).bundle();
    empty.release_log.clear();
    assert_eq!(
        verify(&empty, &[]).unwrap_err().to_string(),
        "release log: the release log must start with a proposed event"
    );
}

#[test]
fn acts_are_sent_by_whom_they_name() {
    let problem = refused_at(LogId::Release, 2, |b, s| {
        b.release_log[2].event.actor = s.people.ctr.addr.clone()
    });
    assert!(matches!(
        problem,
        Problem::WrongActor {
            what: "decision",
            ..
        }
    ));

    let problem = refused_at(LogId::Reports, 1, |b, s| {
        b.reports_log[1].event.actor = s.people.auditor.addr.clone()
    });
    assert!(matches!(
        problem,
        Problem::WrongActor { what: "report", .. }
    ));

    let problem = refused_at(LogId::Ballots { proposal_id: 1 }, 2, |b, s| {
        b.votes[0].ballots_log[2].event.actor = s.people.technologists[0].addr.clone()
    });
    assert!(matches!(
        problem,
        Problem::WrongActor { what: "ballot", .. }
    ));
}

#[test]
fn a_signature_without_a_key_is_refused() {
    let problem = refused_at(LogId::Reports, 0, |b, _| {
        b.reports_log[0].event.pubkey = None
    });
    assert_eq!(problem, Problem::SignatureWithoutKey { what: "report" });

    let problem = refused_at(LogId::Ballots { proposal_id: 1 }, 1, |b, _| {
        b.votes[0].ballots_log[1].event.pubkey = None
    });
    assert_eq!(problem, Problem::SignatureWithoutKey { what: "ballot" });
}

#[test]
fn ballots_outside_the_vote_are_refused() {
    let first_votes_ballots = LogId::Ballots { proposal_id: 1 };
    let problem = refused_at(first_votes_ballots, 0, |b, _| {
        for entry in &mut b.votes[0].ballots_log {
            entry.event.height = 23;
        }
    });
    assert!(matches!(
        problem,
        Problem::BallotOutsideVote { when: "before", .. }
    ));

    let problem = refused_at(first_votes_ballots, 2, |b, _| {
        let deadline = b.votes[0].proposal.deadline;
        b.votes[0].ballots_log[2].event.time = deadline;
    });
    assert!(matches!(
        problem,
        Problem::BallotOutsideVote { when: "after", .. }
    ));
}

#[test]
fn malformed_digests_are_refused() {
    let problem = refused_at(LogId::Reports, 1, |b, _| {
        if let berty_interface::audit_registry::ReportEventData::Report { report_digest, .. } =
            &mut b.reports_log[1].event.data
        {
            *report_digest = "ABC".into();
        }
    });
    assert!(matches!(
        problem,
        Problem::InvalidDigest {
            what: "report_digest",
            ..
        }
    ));
}

#[test]
fn a_publication_of_another_digest_is_refused() {
    let other = digest_of(b"another build");
    let problem = refused_at(LogId::Release, 6, |b, _| {
        if let ReleaseEventData::Published {
            artifact_digest, ..
        } = &mut b.release_log[6].event.data
        {
            *artifact_digest = other.clone();
        }
    });
    assert_eq!(
        problem,
        Problem::NotAnArtifact {
            what: "publication",
            digest: other
        }
    );
}
