use berty_hashlog::LogHead;
use berty_interface::council_vote::Rules;
use berty_interface::release::RecordCouncilDecisionMsg;
use berty_interface::release::{
    CouncilDecision, ExecuteMsg, ReleaseEventData, ReleaseEventKind, ReleaseStatus,
};
use berty_interface::validate::ValidationError;
use berty_release::ContractError;
use berty_testing::assert_error;

use crate::suite::{attr, digest, rid, tally, Suite};

fn voting(suite: &mut Suite, n: u32) -> u64 {
    suite.voting(n).1
}

#[test]
fn an_approval_is_recorded_and_logged() {
    let mut suite = Suite::new();
    let proposal_id = voting(&mut suite, 1);
    let res = suite.decide(&rid(1), proposal_id, true).unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "record_council_decision");
    assert_eq!(attr(&res, "proposal_id").unwrap(), proposal_id.to_string());
    assert_eq!(attr(&res, "status").unwrap(), "approved");
    assert_eq!(attr(&res, "ignored"), None);
    let release = suite.release(&rid(1));
    assert_eq!(release.status, ReleaseStatus::Approved);
    assert_eq!(
        release.decision,
        Some(CouncilDecision {
            proposal_id,
            passed: true,
            tally: tally(3, 0),
            rules: Some(Rules::default()),
            ballots_head: digest('d'),
            ballots_count: 6,
        })
    );
    let event = suite.assert_last_event(
        &rid(1),
        ReleaseEventKind::Decision,
        &suite.council,
        ReleaseEventData::Decision {
            proposal_id,
            passed: true,
            tally: tally(3, 0),
            ballots_log: LogHead {
                length: 6,
                head: digest('d'),
            },
            rules: Some(Rules::default()),
        },
    );
    assert_eq!(event.pubkey, None);
}

#[test]
fn a_rejection_returns_to_auditing_and_may_be_resubmitted() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let first = voting(&mut suite, 1);
    let res = suite.decide(&rid(1), first, false).unwrap();
    assert_eq!(attr(&res, "status").unwrap(), "auditing");
    let release = suite.release(&rid(1));
    assert_eq!(release.status, ReleaseStatus::Auditing);
    assert!(!release.decision.unwrap().passed);
    let gates = suite.gates(&rid(1));
    assert!(gates.council.blockers[0].contains(&format!("rejected it in vote {first}")));

    suite.submit(&carol, &rid(1)).unwrap();
    let release = suite.release(&rid(1));
    let second = release.proposal_id.unwrap();
    assert_eq!(second, first + 1);
    assert_eq!(release.decision, None, "a new vote clears the old decision");
    // the old vote's decision, delivered again, is ignored
    let res = suite.decide(&rid(1), first, true).unwrap();
    assert_eq!(
        attr(&res, "ignored").unwrap(),
        "not the release's open vote"
    );
    assert_eq!(suite.status(&rid(1)), ReleaseStatus::Voting);
    suite.decide(&rid(1), second, true).unwrap();
    assert_eq!(suite.status(&rid(1)), ReleaseStatus::Approved);
    let kinds: Vec<_> = suite
        .trail(&rid(1), None, None)
        .events
        .into_iter()
        .map(|e| e.event.kind)
        .collect();
    use ReleaseEventKind::*;
    assert_eq!(
        kinds,
        vec![Proposed, VoteOpened, Decision, VoteOpened, Decision]
    );
}

#[test]
fn decisions_on_withdrawn_unknown_or_decided_releases_are_ignored() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let proposal_id = voting(&mut suite, 1);
    suite.withdraw(&carol, &rid(1)).unwrap();
    let head = suite.trail_head(&rid(1));
    let res = suite.decide(&rid(1), proposal_id, true).unwrap();
    assert_eq!(attr(&res, "ignored").unwrap(), "withdrawn");
    assert_eq!(suite.status(&rid(1)), ReleaseStatus::Withdrawn);
    assert_eq!(suite.trail_head(&rid(1)), head, "nothing logged");

    let res = suite.decide(&rid(5), 9, true).unwrap();
    assert_eq!(attr(&res, "ignored").unwrap(), "unknown release");

    let proposal_id = voting(&mut suite, 2);
    suite.decide(&rid(2), proposal_id, true).unwrap();
    let head = suite.trail_head(&rid(2));
    let res = suite.decide(&rid(2), proposal_id, false).unwrap();
    assert_eq!(
        attr(&res, "ignored").unwrap(),
        "not the release's open vote"
    );
    assert_eq!(suite.status(&rid(2)), ReleaseStatus::Approved);
    assert_eq!(suite.trail_head(&rid(2)), head);
}

#[test]
fn only_council_vote_records_decisions() {
    let mut suite = Suite::new();
    let proposal_id = voting(&mut suite, 1);
    let carol = suite.carol.clone();
    let msg = approval_of_release_1(proposal_id, "not checked before authorization");
    let err = suite.execute(&carol, &msg).unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: carol,
            required: "the council-vote contract",
        },
    );
    assert_eq!(suite.status(&rid(1)), ReleaseStatus::Voting);
}

#[test]
fn a_malformed_ballots_head_is_refused() {
    let mut suite = Suite::new();
    let proposal_id = voting(&mut suite, 1);
    let msg = approval_of_release_1(proposal_id, "XYZ");
    let err = suite.as_governance(msg).unwrap_err();
    assert_error(
        err,
        ValidationError::InvalidDigest {
            field: "ballots_head",
        },
    );
}

/// Council-vote's message recording that `proposal_id` approved release 1 (3 yes of 6
/// ballots), with `ballots_head` as given: what only council-vote may send.
fn approval_of_release_1(proposal_id: u64, ballots_head: &str) -> ExecuteMsg {
    ExecuteMsg::RecordCouncilDecision(RecordCouncilDecisionMsg {
        release_id: rid(1),
        proposal_id,
        passed: true,
        tally: tally(3, 0),
        rules: Rules::default(),
        ballots_head: ballots_head.into(),
        ballots_count: 6,
    })
}
