//! Release votes: opened by the release contract under the id it read raw, delivered to
//! it once by `close`.

use crate::harness::Harness;
use berty_council_vote::ContractError;
use berty_interface::council_vote::ProposeMsg;
use berty_interface::council_vote::{ExecuteMsg, ProposalKind, ProposalStatus, Rules, Vote};
use berty_interface::keys::next_proposal_id;
use berty_interface::validate::ValidationError;
use berty_testing::assert_error;
use berty_testing::council::{release_id, CouncilSuite};

#[test]
fn the_release_contract_opens_votes_under_the_id_it_read() {
    let mut suite = CouncilSuite::new();
    let council = suite.council.clone();
    for expected in 1..=3u64 {
        assert_eq!(
            next_proposal_id(&suite.app.wrap(), &council).unwrap(),
            expected
        );
        let id = suite
            .open_release_vote(&release_id(&format!("v{expected}")))
            .unwrap();
        assert_eq!(id, expected);
    }
    let proposal = suite.proposal(2);
    assert_eq!(proposal.kind, ProposalKind::Release);
    assert_eq!(proposal.release_id, Some(release_id("v2")));
    assert_eq!(proposal.proposer, suite.release);
    assert_eq!(proposal.snapshot_height, suite.app.block_info().height);
    assert_eq!(proposal.rules, Rules::default());
    assert_eq!(
        proposal.deadline,
        proposal
            .opened_at
            .plus_seconds(Rules::default().voting_period)
    );
    assert_eq!(
        (
            proposal.tally.activists.eligible,
            proposal.tally.technologists.eligible
        ),
        (3, 3)
    );
    assert!(proposal.msgs.is_empty());
}

#[test]
fn only_the_release_contract_opens_votes_and_only_on_a_digest() {
    let mut suite = CouncilSuite::new();
    let a0 = suite.activist(0);
    let msg = ExecuteMsg::OpenReleaseVote {
        release_id: release_id("v1"),
    };
    let err = suite.execute(&a0, &msg).unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: a0,
            required: "the release contract",
        },
    );
    let err = suite.open_release_vote("v1.0.0").unwrap_err();
    assert_error(
        err,
        ValidationError::InvalidDigest {
            field: "release_id",
        },
    );
}

#[test]
fn no_vote_opens_while_a_college_is_empty() {
    // membership never holds an empty college (SPEC 4.1); council-vote still refuses to open
    // on one, as a membership of the first version may hold it: here a faked membership
    let mut harness = Harness::new(3, 0, Rules::default());
    let release = harness.release.clone();
    let msg = ExecuteMsg::OpenReleaseVote {
        release_id: release_id("v1"),
    };
    let empty = ContractError::CollegeEmpty {
        college: "technologists",
    };
    // named as SPEC 4.1 names it, like membership's refusal of the same state
    let text = "CollegeEmpty: a proposal cannot open while the technologists college is empty";
    assert_eq!(empty.to_string(), text);
    assert_error(harness.execute(&release, msg).unwrap_err(), text);
    let activist = harness.activists[0].clone();
    let msg = ExecuteMsg::Propose(ProposeMsg {
        title: "anything".into(),
        description: String::new(),
        msgs: vec![],
    });
    assert_error(harness.execute(&activist, msg).unwrap_err(), &empty);
}

#[test]
fn close_delivers_the_decision_once_with_the_ballots_head() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    suite.vote_colleges(id, &[Vote::Yes, Vote::Yes], &[Vote::Yes]);
    let err = suite.close(id).unwrap_err();
    assert_error(err, ContractError::NotDecided { proposal_id: id });
    assert!(suite.delivered(id).is_none());

    let t1 = suite.technologist(1);
    suite.vote(&t1, id, Vote::Yes).unwrap();
    let res = suite.close(id).unwrap();
    assert!(res.events.iter().any(|e| e.ty == "wasm"
        && e.attributes
            .iter()
            .any(|a| a.key == "action" && a.value == "record_council_decision")));
    let delivered = suite.delivered(id).unwrap();
    let head = suite.ballot_log_head(id);
    assert_eq!(delivered.sender, suite.council);
    assert_eq!(delivered.decision.release_id, release_id("v1"));
    assert!(delivered.decision.passed);
    assert_eq!(delivered.decision.tally, suite.proposal(id).tally);
    assert_eq!(
        (
            delivered.decision.ballots_head,
            delivered.decision.ballots_count
        ),
        (head.head, 4)
    );

    let err = suite.close(id).unwrap_err();
    assert_error(err, ContractError::AlreadyClosed { proposal_id: id });
    assert_eq!(suite.delivered(id).unwrap().deliveries, 1);
    let proposal = suite.proposal(id);
    assert_eq!(
        (proposal.status, proposal.closed),
        (ProposalStatus::Passed, true)
    );
    // a release vote is not executed
    let err = suite.execute_proposal(id).unwrap_err();
    assert_error(err, ContractError::NotGovernance { proposal_id: id });
}

#[test]
fn a_vote_rejected_at_the_deadline_is_delivered_as_rejected() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let a0 = suite.activist(0);
    suite.vote(&a0, id, Vote::Yes).unwrap();
    suite.advance(Rules::default().voting_period);
    suite.close(id).unwrap();
    let delivered = suite.delivered(id).unwrap();
    assert!(!delivered.decision.passed);
    assert_eq!(delivered.decision.ballots_count, 1);
    let proposal = suite.proposal(id);
    assert_eq!(
        (proposal.status, proposal.closed),
        (ProposalStatus::Rejected, true)
    );
    let err = suite.close(7).unwrap_err();
    assert_error(err, ContractError::ProposalNotFound { proposal_id: 7 });
}

#[test]
fn a_deadline_past_the_largest_timestamp_is_refused() {
    use crate::harness::Harness;
    use cosmwasm_std::Timestamp;

    let rules = Rules::default();
    let mut harness = Harness::new(2, 2, rules.clone());
    let open = ExecuteMsg::OpenReleaseVote {
        release_id: "ab".repeat(32),
    };
    let release = harness.release.clone();
    let period = rules.voting_period * 1_000_000_000;
    // one nanosecond too late: the deadline would not fit
    harness.env.block.time = Timestamp::from_nanos(u64::MAX - period + 1);
    let err = harness.execute(&release, open.clone()).unwrap_err();
    assert_error(
        err,
        ContractError::DeadlineOverflow {
            voting_period: rules.voting_period,
        },
    );
    // the latest block time that still fits opens with the largest deadline
    harness.env.block.time = Timestamp::from_nanos(u64::MAX - period);
    harness.execute(&release, open).unwrap();
    assert_eq!(
        harness.proposal(1).deadline,
        Timestamp::from_nanos(u64::MAX)
    );
}
