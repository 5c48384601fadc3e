//! The verifier accepts the bundle of the complete run and rejects each tampering: one
//! changed byte in any event, a dropped event, a changed artifact file, a ballot from a
//! non-member and a decision whose ballots head is not the ballots log's. The last two
//! are forged consistently (every hash chain recomputed, every answer adjusted), so only
//! the rule under test can catch them.

use std::sync::OnceLock;

use berty_hashlog::hash::to_hex;
use berty_hashlog::{chain_hash, genesis_hash, Event, LogEntry, LogHead};
use berty_interface::council_vote::{BallotEventData, BallotResponse, Vote};
use berty_interface::release::ReleaseEventData;
use berty_interface::College;
use berty_testing::dao::digest_of;
use berty_testing::TestKey;
use berty_trail_verifier::{verify, Bundle, Problem, VerifyError};
use cosmwasm_std::{from_json, to_json_vec, Addr};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::bundle::{check, export, files};
use crate::complete::{complete_run, FILES};

/// The bundle of the complete run, exported once.
fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let (dao, id) = complete_run();
        export(&dao, &id)
    })
}

/// The event with byte `pos` of its canonical JSON replaced by another character of the
/// same class, when the result still decodes to an event that serializes to exactly those
/// bytes (a one-byte change the verifier must see as such).
fn with_changed_byte<K, D>(entry: &LogEntry<K, D>, pos: usize) -> Option<LogEntry<K, D>>
where
    K: Serialize + DeserializeOwned + Clone,
    D: Serialize + DeserializeOwned + Clone,
{
    let mut json = to_json_vec(&entry.event).ok()?;
    json[pos] = match json[pos] {
        b'0'..=b'8' | b'a'..=b'y' | b'A'..=b'Y' => json[pos] + 1,
        b'9' => b'0',
        b'z' => b'a',
        b'Z' => b'A',
        _ => return None,
    };
    let event: Event<K, D> = from_json(&json).ok()?;
    (to_json_vec(&event).ok()? == json).then(|| LogEntry {
        event,
        hash: entry.hash.clone(),
    })
}

/// Up to `per_event` one-byte changes of each event of `log`, spread over the event.
fn changed_bytes<K, D>(log: &[LogEntry<K, D>], per_event: usize) -> Vec<(usize, LogEntry<K, D>)>
where
    K: Serialize + DeserializeOwned + Clone,
    D: Serialize + DeserializeOwned + Clone,
{
    let mut out = vec![];
    for (i, entry) in log.iter().enumerate() {
        let len = to_json_vec(&entry.event).unwrap().len();
        let changed: Vec<_> = (0..len)
            .filter_map(|pos| with_changed_byte(entry, pos))
            .collect();
        assert!(!changed.is_empty(), "event {i} has bytes to change");
        let step = changed.len().div_ceil(per_event).max(1);
        out.extend(changed.into_iter().step_by(step).map(|e| (i, e)));
    }
    out
}

#[test]
fn the_bundle_of_the_complete_run_verifies() {
    let verified = check(bundle(), &FILES).expect("verifies");
    assert_eq!(verified.artifacts.len(), FILES.len());
    assert!(verified.signatures_checked > 0);
}

#[test]
fn one_changed_byte_in_any_event_is_rejected() {
    let original = bundle();
    let files = files(&FILES);
    let mut tried = 0;
    let mut reject = |tampered: Bundle, what: String| {
        tried += 1;
        assert!(verify(&tampered, &files).is_err(), "accepted: {what}");
    };
    const PER_EVENT: usize = 6;
    for (i, entry) in changed_bytes(&original.release_log, PER_EVENT) {
        let mut b = original.clone();
        b.release_log[i] = entry;
        reject(b, format!("release log event {i}"));
    }
    for (i, entry) in changed_bytes(&original.reports_log, PER_EVENT) {
        let mut b = original.clone();
        b.reports_log[i] = entry;
        reject(b, format!("reports log event {i}"));
    }
    for (v, vote) in original.votes.iter().enumerate() {
        for (i, entry) in changed_bytes(&vote.ballots_log, PER_EVENT) {
            let mut b = original.clone();
            b.votes[v].ballots_log[i] = entry;
            reject(b, format!("ballots log {v} event {i}"));
        }
    }
    for (i, entry) in changed_bytes(&original.members_log, PER_EVENT) {
        let mut b = original.clone();
        b.members_log[i] = entry;
        reject(b, format!("members log event {i}"));
    }
    let events = original.release_log.len()
        + original.reports_log.len()
        + original
            .votes
            .iter()
            .map(|v| v.ballots_log.len())
            .sum::<usize>()
        + original.members_log.len();
    assert!(tried >= events * 3, "{tried} changes over {events} events");
}

#[test]
fn a_dropped_event_is_rejected() {
    let original = bundle();
    let files = files(&FILES);
    let reject = |tampered: Bundle, what: String| {
        assert!(verify(&tampered, &files).is_err(), "accepted: {what}");
    };
    for i in 0..original.release_log.len() {
        let mut b = original.clone();
        b.release_log.remove(i);
        reject(b, format!("release log without event {i}"));
    }
    for i in 0..original.reports_log.len() {
        let mut b = original.clone();
        b.reports_log.remove(i);
        reject(b, format!("reports log without event {i}"));
    }
    for i in 0..original.votes[0].ballots_log.len() {
        let mut b = original.clone();
        b.votes[0].ballots_log.remove(i);
        reject(b, format!("ballots log without event {i}"));
    }
    for i in 0..original.members_log.len() {
        let mut b = original.clone();
        b.members_log.remove(i);
        reject(b, format!("members log without event {i}"));
    }
    let mut b = original.clone();
    b.votes.clear();
    reject(b, "no votes".into());
}

#[test]
fn a_changed_artifact_file_is_rejected() {
    let mut tampered = files(&FILES);
    tampered[1].bytes[0] ^= 1;
    let err = verify(bundle(), &tampered).unwrap_err();
    assert!(
        matches!(&err, VerifyError::UnknownArtifact { file, .. } if file == FILES[1]),
        "{err}"
    );
}

/// Recomputes a log's hash chain from its genesis, as a forger would; the new head.
fn rechain<K: Serialize, D: Serialize>(
    entries: &mut [LogEntry<K, D>],
    log: &str,
    bundle: &Bundle,
    contract: &Addr,
    key: &str,
) -> LogHead {
    let mut hash = genesis_hash(log, &bundle.chain_id, contract.as_str(), key);
    for (seq, entry) in entries.iter_mut().enumerate() {
        entry.event.seq = seq as u64;
        hash = chain_hash(&hash, &to_json_vec(&entry.event).unwrap());
        entry.hash = to_hex(&hash);
    }
    LogHead {
        length: entries.len() as u64,
        head: to_hex(&hash),
    }
}

/// Points the release's decision at `ballots_log` (with `tally`, if given) and re-chains
/// the release log, adjusting the release answer likewise.
fn forge_decision(
    bundle: &mut Bundle,
    ballots_log: LogHead,
    tally: Option<berty_interface::council_vote::Tally>,
) {
    for entry in bundle.release_log.iter_mut() {
        if let ReleaseEventData::Decision {
            ballots_log: committed,
            tally: recorded,
            ..
        } = &mut entry.event.data
        {
            *committed = ballots_log.clone();
            if let Some(tally) = tally {
                *recorded = tally;
            }
        }
    }
    let (release, release_id) = (bundle.contracts.release.clone(), bundle.release_id.clone());
    let mut log = std::mem::take(&mut bundle.release_log);
    rechain(&mut log, "release", bundle, &release, &release_id);
    bundle.release_log = log;
    let decision = bundle.release.decision.as_mut().unwrap();
    decision.ballots_head = ballots_log.head;
    decision.ballots_count = ballots_log.length;
    if let Some(tally) = tally {
        decision.tally = tally;
    }
}

/// Why the verifier refuses `forged`, asserted not to be a broken hash chain: the forger
/// rehashed everything, so only what the events say can give it away.
#[track_caller]
fn consistent_forgery_refused(forged: &Bundle) -> VerifyError {
    let err = check(forged, &FILES).unwrap_err();
    assert!(!is_chain_error(&err), "the forgery is consistent: {err}");
    err
}

fn is_chain_error(err: &VerifyError) -> bool {
    matches!(
        err,
        VerifyError::Event {
            problem: Problem::HashMismatch { .. } | Problem::SeqGap { .. },
            ..
        } | VerifyError::Log {
            problem: Problem::HashMismatch { .. },
            ..
        }
    )
}

#[test]
fn a_ballot_from_a_non_member_is_rejected() {
    let mut forged = bundle().clone();
    let outsider = TestKey::from_seed("outsider").addr(&cosmwasm_std::testing::MockApi::default());
    let vote = &mut forged.votes[0];
    let proposal_id = vote.proposal.id;
    let mut ballot = vote.ballots_log.last().unwrap().clone();
    ballot.event.actor = outsider.clone();
    ballot.event.pubkey = None;
    ballot.event.data = BallotEventData {
        voter: outsider.clone(),
        college: College::Activists,
        vote: Vote::Yes,
        rationale_digest: None,
        signature: None,
    };
    let height = ballot.event.height;
    vote.ballots_log.push(ballot);
    vote.ballots.push(BallotResponse {
        proposal_id,
        voter: outsider.clone(),
        college: College::Activists,
        vote: Vote::Yes,
        rationale: None,
        signature: None,
        pubkey: None,
        height,
    });
    let mut log = std::mem::take(&mut forged.votes[0].ballots_log);
    let council = forged.contracts.council_vote.clone();
    let head = rechain(
        &mut log,
        "ballots",
        &forged,
        &council,
        &proposal_id.to_string(),
    );
    let vote = &mut forged.votes[0];
    vote.ballots_log = log;
    vote.proposal.ballots_log = head.clone();
    vote.proposal.tally.activists.yes += 1;
    let tally = vote.proposal.tally;
    forge_decision(&mut forged, head, Some(tally));

    let err = consistent_forgery_refused(&forged);
    assert!(
        matches!(
            &err,
            VerifyError::Event {
                problem: Problem::RoleNotHeld { addr, .. },
                ..
            } if *addr == outsider
        ),
        "{err}"
    );
}

#[test]
fn a_decision_whose_ballots_head_is_not_the_ballots_log_is_rejected() {
    let mut forged = bundle().clone();
    let committed = forged.votes[0].proposal.ballots_log.clone();
    forge_decision(
        &mut forged,
        LogHead {
            length: committed.length,
            head: digest_of("another ballots log"),
        },
        None,
    );
    let err = consistent_forgery_refused(&forged);
    assert!(
        matches!(
            &err,
            VerifyError::Event {
                problem: Problem::CommitmentMismatch {
                    what: "decision",
                    ..
                },
                ..
            }
        ),
        "{err}"
    );
}
