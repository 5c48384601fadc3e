use berty_hashlog::LogHead;
use berty_interface::keys::release_status;
use berty_interface::release::{ReleaseEventData, ReleaseEventKind, ReleaseStatus};
use berty_release::ContractError;
use berty_testing::assert_error;

use crate::suite::{attr, digest, rid, Suite};
use berty_testing::mocks::CouncilQuery;

#[test]
fn opens_the_council_vote_with_the_id_council_vote_assigns() {
    let mut suite = Suite::new();
    let (carol, dave) = (suite.carol.clone(), suite.dave.clone());
    let auditor = suite.addr("auditor");
    for n in [1, 2] {
        suite.propose(&carol, &rid(n)).unwrap();
        suite.set_gate(&rid(n), &[&auditor], &[]);
    }
    let members_log = suite.members_log_head();
    // another CTR than the proposer may submit
    let res = suite.submit(&dave, &rid(2)).unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "submit_for_vote");
    assert_eq!(attr(&res, "release_id").unwrap(), rid(2));
    assert_eq!(attr(&res, "proposal_id").unwrap(), "1");
    assert_eq!(attr(&res, "status").unwrap(), "voting");
    suite.submit(&carol, &rid(1)).unwrap();

    for (n, proposal_id) in [(2, 1), (1, 2)] {
        let release = suite.release(&rid(n));
        assert_eq!(release.status, ReleaseStatus::Voting);
        assert_eq!(release.proposal_id, Some(proposal_id));
        let opened: String = suite
            .app
            .wrap()
            .query_wasm_smart(&suite.council, &CouncilQuery::Opened { proposal_id })
            .unwrap();
        assert_eq!(opened, rid(n));
        assert_eq!(
            release_status(&suite.app.wrap(), &suite.release, &rid(n)).unwrap(),
            Some(ReleaseStatus::Voting)
        );
    }
    suite.assert_last_event(
        &rid(2),
        ReleaseEventKind::VoteOpened,
        &dave,
        ReleaseEventData::VoteOpened {
            proposal_id: 1,
            reports_log: LogHead {
                length: 1,
                head: digest('e'),
            },
            members_log,
        },
    );
}

#[test]
fn the_audit_gate_must_pass() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let (good, bad) = (suite.addr("good"), suite.addr("bad"));
    suite.propose(&carol, &rid(1)).unwrap();
    suite.set_gate(&rid(1), &[], &[]);
    let err = suite.submit(&carol, &rid(1)).unwrap_err();
    assert_error(
        err,
        ContractError::AuditGateNotPassed {
            release_id: rid(1),
            blockers: vec!["no counted positive (go or go_with_warnings) report".into()],
        },
    );
    suite.set_gate(&rid(1), &[&good], &[&bad]);
    let err = suite.submit(&carol, &rid(1)).unwrap_err();
    assert_error(
        err,
        ContractError::AuditGateNotPassed {
            release_id: rid(1),
            blockers: vec![format!("a counted no_go report by {bad}")],
        },
    );
    assert_eq!(suite.status(&rid(1)), ReleaseStatus::Auditing);
    assert_eq!(suite.trail_head(&rid(1)).length, 1);
}

#[test]
fn only_from_auditing_and_by_a_ctr() {
    let mut suite = Suite::new();
    let (carol, alice) = (suite.carol.clone(), suite.alice.clone());
    let auditor = suite.addr("auditor");
    suite.propose(&carol, &rid(1)).unwrap();
    suite.set_gate(&rid(1), &[&auditor], &[]);
    let err = suite.submit(&alice, &rid(1)).unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: alice,
            required: "a core team representative",
        },
    );
    suite.submit(&carol, &rid(1)).unwrap();
    let err = suite.submit(&carol, &rid(1)).unwrap_err();
    assert_error(
        err,
        ContractError::WrongStatus {
            release_id: rid(1),
            status: ReleaseStatus::Voting,
            action: "submit_for_vote",
            expected: "auditing",
        },
    );
    let err = suite.submit(&carol, &rid(7)).unwrap_err();
    assert_error(err, ContractError::ReleaseNotFound { release_id: rid(7) });
    let released = suite.released(2);
    assert_error(
        suite.submit(&carol, &released).unwrap_err(),
        "is released: submit_for_vote needs auditing",
    );
}
