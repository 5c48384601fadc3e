//! Ballots: who may vote (the snapshot), once or again, until decided, with a key.

use berty_council_vote::ContractError;
use berty_hashlog::hash::to_hex;
use berty_hashlog::sha256;
use berty_interface::council_vote::VoteMsg;
use berty_interface::council_vote::{
    BallotEventKind, CollegeTally, ExecuteMsg, ProposalStatus, Rejection, RejectionReason, Rules,
    Vote,
};
use berty_interface::membership::ExecuteMsg as MembershipMsg;
use berty_interface::signing::{signing_digest, BallotSigningPayload};
use berty_interface::validate::ValidationError;
use berty_interface::College;
use berty_testing::council::{release_id, CouncilSuite};
use berty_testing::membership::{member, ACTIVIST, TECHNOLOGIST};
use berty_testing::{assert_error, TestKey};
use cosmwasm_std::{Addr, Binary};
use cw_multi_test::Executor;

fn not_eligible(sender: &Addr) -> ContractError {
    ContractError::Unauthorized {
        sender: sender.clone(),
        required: "a council member at the proposal's snapshot",
    }
}

#[test]
fn ballots_are_tallied_per_college_kept_and_logged() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let (a0, t0) = (suite.activist(0), suite.technologist(0));
    let res = suite
        .vote_with(&a0, id, Vote::Yes, Some("Audits are green."), None)
        .unwrap();
    let wasm = res.events.iter().find(|e| e.ty == "wasm").unwrap();
    let attrs: Vec<(&str, &str)> = wasm
        .attributes
        .iter()
        .map(|a| (a.key.as_str(), a.value.as_str()))
        .collect();
    let voter = a0.to_string();
    for expected in [
        ("action", "vote"),
        ("proposal_id", "1"),
        ("voter", voter.as_str()),
        ("vote", "yes"),
        ("college", "activists"),
        ("status", "open"),
    ] {
        assert!(attrs.contains(&expected), "{expected:?} in {attrs:?}");
    }
    suite.vote(&t0, id, Vote::Abstain).unwrap();

    let proposal = suite.proposal(id);
    let eligible = |yes, abstain| CollegeTally {
        yes,
        no: 0,
        abstain,
        eligible: 3,
    };
    assert_eq!(proposal.tally.activists, eligible(1, 0));
    assert_eq!(proposal.tally.technologists, eligible(0, 1));
    assert_eq!(proposal.status, ProposalStatus::Open);

    let ballot = suite.ballot(id, &a0);
    assert_eq!(
        (ballot.college, ballot.vote, ballot.rationale.as_deref()),
        (College::Activists, Vote::Yes, Some("Audits are green."))
    );
    assert_eq!((ballot.pubkey, ballot.signature), (None, None));

    let log = suite.ballot_log(id, None, None).events;
    assert_eq!(log.len(), 2);
    let first = &log[0].event;
    assert_eq!(first.kind, BallotEventKind::Ballot);
    assert_eq!((first.actor.clone(), first.seq), (a0.clone(), 0));
    assert_eq!(first.data.voter, a0);
    assert_eq!(first.data.college, College::Activists);
    assert_eq!(
        first.data.rationale_digest,
        Some(to_hex(&sha256(b"Audits are green.")))
    );
    assert_eq!(log[1].event.data.rationale_digest, None);
    let head = suite.ballot_log_head(id);
    assert_eq!((head.length, head.head), (2, log[1].hash.clone()));
    assert_eq!(proposal.ballots_log, suite.ballot_log_head(id));
}

#[test]
fn only_council_members_of_the_snapshot_vote() {
    let mut suite = CouncilSuite::new();
    let newcomer = suite.addr("newcomer");
    // the newcomer is seated in the block in which the vote opens: not at its snapshot
    let add = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![member(&newcomer, ACTIVIST)],
        remove: vec![],
    });
    let (_, res) = suite.pass(vec![add], 3, 3);
    res.unwrap();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    assert_eq!(suite.proposal(id).tally.activists.eligible, 3);
    let err = suite.vote(&newcomer, id, Vote::Yes).unwrap_err();
    assert_error(err, not_eligible(&newcomer));

    // a member removed after the snapshot still votes on it
    suite.next_block();
    let leaver = suite.activist(2);
    let remove = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![],
        remove: vec![leaver.to_string()],
    });
    let (_, res) = suite.pass(vec![remove], 3, 3);
    res.unwrap();
    assert_eq!(suite.role(&leaver), None);
    suite.vote(&leaver, id, Vote::No).unwrap();
    assert_eq!(suite.ballot(id, &leaver).college, College::Activists);

    // a member who moved college after the snapshot votes in its old college
    let mover = suite.technologist(1);
    let moved = suite.membership_msg(&MembershipMsg::UpdateMembers {
        add: vec![member(&mover, ACTIVIST)],
        remove: vec![],
    });
    let (_, res) = suite.pass(vec![moved], 3, 3);
    res.unwrap();
    suite.vote(&mover, id, Vote::Yes).unwrap();
    assert_eq!(suite.ballot(id, &mover).college, College::Technologists);

    // CTRs, auditors and strangers never vote
    for outsider in [suite.ctr(0), suite.addr("stranger")] {
        let err = suite.vote(&outsider, id, Vote::Yes).unwrap_err();
        assert_error(err, not_eligible(&outsider));
    }
    let err = suite.vote(&newcomer, 99, Vote::Yes).unwrap_err();
    assert_error(err, ContractError::ProposalNotFound { proposal_id: 99 });
}

#[test]
fn one_ballot_each_unless_the_rules_allow_revoting() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let a0 = suite.activist(0);
    suite.vote(&a0, id, Vote::No).unwrap();
    let err = suite.vote(&a0, id, Vote::Yes).unwrap_err();
    assert_error(
        err,
        ContractError::AlreadyVoted {
            proposal_id: id,
            voter: a0.clone(),
        },
    );
    assert_eq!(suite.proposal(id).tally.activists.no, 1);
    assert_eq!(suite.ballot_log_head(id).length, 1);
}

#[test]
fn a_revote_moves_the_tally_and_is_logged() {
    let rules = Rules {
        allow_revoting: true,
        ..Rules::default()
    };
    let mut suite = CouncilSuite::builder().rules(rules).build();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let a0 = suite.activist(0);
    suite.vote(&a0, id, Vote::No).unwrap();
    suite
        .vote_with(&a0, id, Vote::Yes, Some("convinced"), None)
        .unwrap();
    let tally = suite.proposal(id).tally.activists;
    assert_eq!((tally.yes, tally.no, tally.abstain), (1, 0, 0));
    assert_eq!(suite.ballot(id, &a0).vote, Vote::Yes);
    let log = suite.ballot_log(id, None, None).events;
    let votes: Vec<Vote> = log.iter().map(|e| e.event.data.vote).collect();
    assert_eq!(votes, vec![Vote::No, Vote::Yes]);
    // the answer is the newest ballot's: its rationale, its event's height
    let ballot = suite.ballot(id, &a0);
    assert_eq!(ballot.rationale.as_deref(), Some("convinced"));
    assert_eq!(ballot.height, log[1].event.height);
    suite.next_block();
    suite.vote(&a0, id, Vote::Abstain).unwrap();
    let ballot = suite.ballot(id, &a0);
    assert_eq!(
        (ballot.vote, ballot.rationale.as_deref()),
        (Vote::Abstain, None)
    );
    let log = suite.ballot_log(id, None, None).events;
    assert_eq!(ballot.height, log[2].event.height);
    assert!(log[2].event.height > log[1].event.height);
    assert_eq!(suite.ballots(id, None, None).ballots, vec![ballot]);
    suite.vote(&a0, id, Vote::Yes).unwrap();
    // one proposal voted on, however often
    let participation = suite.member_participation(None, Some(100)).members;
    let mine = participation.iter().find(|m| m.addr == a0).unwrap();
    assert_eq!((mine.voted, mine.window), (1, 1));
    // with revoting, unanimity cannot be undone only at the deadline: nothing decided early
    suite.vote_colleges(id, &[], &[Vote::Yes, Vote::Yes, Vote::Yes]);
    for i in 1..3 {
        let voter = suite.activist(i);
        suite.vote(&voter, id, Vote::Yes).unwrap();
    }
    assert_eq!(suite.proposal(id).status, ProposalStatus::Open);
    suite.advance(Rules::default().voting_period);
    assert_eq!(suite.proposal(id).status, ProposalStatus::Passed);
}

#[test]
fn decided_as_soon_as_no_ballot_can_change_it_then_closed_to_ballots() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    // 2 of 3 yes in each college: a third ballot cannot undo either majority
    suite.vote_colleges(id, &[Vote::Yes, Vote::Yes], &[Vote::Yes]);
    assert_eq!(suite.proposal(id).status, ProposalStatus::Open);
    let t1 = suite.technologist(1);
    let res = suite.vote(&t1, id, Vote::Yes).unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "status" && a.value == "passed")));
    let proposal = suite.proposal(id);
    assert_eq!(
        (proposal.status, proposal.rejection),
        (ProposalStatus::Passed, None)
    );
    let a2 = suite.activist(2);
    let err = suite.vote(&a2, id, Vote::No).unwrap_err();
    assert_error(
        err,
        ContractError::VotingClosed {
            proposal_id: id,
            status: ProposalStatus::Passed,
        },
    );
}

#[test]
fn rejected_early_with_the_reason_of_the_tally() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    suite.vote_colleges(id, &[Vote::No, Vote::No], &[]);
    let proposal = suite.proposal(id);
    assert_eq!(proposal.status, ProposalStatus::Rejected);
    assert_eq!(
        proposal.rejection,
        Some(Rejection {
            reason: RejectionReason::ThresholdNotMet,
            college: College::Activists
        })
    );
}

#[test]
fn the_deadline_decides_what_ballots_did_not() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    suite.vote_colleges(id, &[Vote::Yes, Vote::Yes], &[Vote::Yes]);
    let period = Rules::default().voting_period;
    // open while now < opened_at + voting_period
    suite.advance(period - 1);
    assert_eq!(suite.proposal(id).status, ProposalStatus::Open);
    suite.advance(1);
    let proposal = suite.proposal(id);
    assert_eq!(proposal.status, ProposalStatus::Rejected);
    assert_eq!(
        proposal.rejection,
        Some(Rejection {
            reason: RejectionReason::TurnoutNotMet,
            college: College::Technologists
        })
    );
    let t1 = suite.technologist(1);
    let err = suite.vote(&t1, id, Vote::Yes).unwrap_err();
    assert_error(
        err,
        ContractError::VotingClosed {
            proposal_id: id,
            status: ProposalStatus::Rejected,
        },
    );
}

/// A suite whose technologist `signer` is `key`'s address, with its key registered.
pub fn suite_with_signer(key: &TestKey) -> (CouncilSuite, Addr) {
    let api = cosmwasm_std::testing::MockApi::default();
    let signer = key.addr(&api);
    let mut suite = CouncilSuite::builder()
        .member(signer.clone(), TECHNOLOGIST)
        .build();
    let membership = suite.membership.clone();
    suite
        .app
        .execute_contract(
            signer.clone(),
            membership,
            &MembershipMsg::RegisterPubkey {
                pubkey: key.pubkey(),
            },
            &[],
        )
        .unwrap();
    (suite, signer)
}

#[test]
fn a_signed_ballot_is_verified_and_carries_the_key() {
    let key = TestKey::from_seed("signer");
    let (mut suite, signer) = suite_with_signer(&key);
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let payload = |vote, rationale: &str| BallotSigningPayload {
        chain_id: suite.app.block_info().chain_id,
        contract: suite.council.to_string(),
        proposal_id: id,
        vote,
        rationale: Some(rationale.to_string()),
    };
    let good = key.sign(&signing_digest(&payload(Vote::Yes, "ship it")).unwrap());
    let other = key.sign(&signing_digest(&payload(Vote::No, "ship it")).unwrap());

    let err = suite
        .vote_with(&signer, id, Vote::Yes, Some("ship it"), Some(other))
        .unwrap_err();
    assert_error(
        err,
        ContractError::InvalidSignature {
            voter: signer.clone(),
        },
    );
    let err = suite
        .vote_with(
            &signer,
            id,
            Vote::Yes,
            Some("ship it"),
            Some(Binary::from(vec![1; 10])),
        )
        .unwrap_err();
    assert_error(
        err,
        ContractError::InvalidSignature {
            voter: signer.clone(),
        },
    );

    suite
        .vote_with(&signer, id, Vote::Yes, Some("ship it"), Some(good.clone()))
        .unwrap();
    let ballot = suite.ballot(id, &signer);
    assert_eq!(ballot.signature, Some(good.clone()));
    assert_eq!(ballot.pubkey, Some(key.pubkey()));
    let event = suite.ballot_log(id, None, None).events.remove(0).event;
    assert_eq!(event.pubkey, Some(key.pubkey()));
    assert_eq!(event.data.signature, Some(good));

    // a voter without a registered key cannot sign
    let a0 = suite.activist(0);
    let err = suite
        .vote_with(&a0, id, Vote::Yes, None, Some(Binary::from(vec![0; 64])))
        .unwrap_err();
    assert_error(err, ContractError::MissingPubkey { voter: a0 });
}

#[test]
fn rationale_is_bounded() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let a0 = suite.activist(0);
    let long = "r".repeat(4097);
    let err = suite
        .vote_with(&a0, id, Vote::Yes, Some(&long), None)
        .unwrap_err();
    assert_error(
        err,
        ValidationError::TextTooLong {
            field: "rationale",
            len: 4097,
            max: 4096,
        },
    );
    suite
        .vote_with(&a0, id, Vote::Yes, Some(&long[..4096]), None)
        .unwrap();
}

#[test]
fn a_failed_ballot_changes_nothing() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let before = suite.proposal(id);
    let stranger = suite.addr("stranger");
    suite
        .execute(
            &stranger,
            &ExecuteMsg::Vote(VoteMsg {
                proposal_id: id,
                vote: Vote::Yes,
                rationale: None,
                signature: None,
            }),
        )
        .unwrap_err();
    assert_eq!(suite.proposal(id), before);
}
